/**
 * Response schemas. Fastify serialises with them, so a property not listed
 * here never reaches a client — a second guard, after the allow-listed view,
 * that internal fields stay internal.
 */
const str = { type: 'string' } as const;
const time = { type: 'string', format: 'date-time' } as const;

export const acceptedSchema = {
  type: 'object',
  required: ['ticket_id', 'status', 'created_at', 'estimated_completion'],
  properties: { ticket_id: str, status: { type: 'string', enum: ['PROCESSING'] }, created_at: time, estimated_completion: time },
} as const;

const citationSchema = { type: 'object', properties: { id: str, title: str } } as const;

export const solutionSchema = {
  type: 'object',
  properties: { text: str, citations: { type: 'array', items: citationSchema }, grounded: { type: 'boolean' }, generated_at: time },
} as const;

export const ticketSchema = {
  type: 'object',
  properties: {
    ticket_id: str,
    status: { type: 'string', enum: ['PROCESSING', 'READY', 'FAILED'] },
    priority: str,
    lang: str,
    customer: { type: 'object', properties: { id: str, name: str, contact_email: str } },
    asset: { type: 'object', properties: { product_type: str, model: str, serial: str, firmware_version: str } },
    symptom_text: str,
    error_code: str,
    policies: { type: 'object', properties: { safe_instructions: { type: 'boolean' }, grounded_only: { type: 'boolean' } } },
    created_at: time,
    updated_at: time,
    estimated_completion: time,
    completed_at: time,
    expires_at: time,
    solution: solutionSchema,
    failure_reason: str,
  },
} as const;

export const ticketListSchema = {
  type: 'object',
  properties: { tickets: { type: 'array', items: ticketSchema }, next_cursor: { type: ['string', 'null'] } },
} as const;

export const feedbackSchema = {
  type: 'object',
  properties: { feedback_id: str, ticket_id: str, rating: { type: 'integer' }, resolved: { type: 'boolean' }, comment: str, created_at: time },
} as const;

const metadataValue = {} as const;

export const searchResponseSchema = {
  type: 'object',
  properties: {
    query: str,
    mode: str,
    total_results: { type: 'integer' },
    results: {
      type: 'array',
      items: { type: 'object', properties: { id: str, title: str, snippet: str, score: { type: 'number' }, metadata: { type: 'object', additionalProperties: metadataValue } } },
    },
    degraded: { type: 'object', properties: { code: str, message: str } },
  },
} as const;

export const ingestResultSchema = {
  type: 'object',
  properties: { documents: { type: 'integer' }, created: { type: 'integer' }, replaced: { type: 'integer' }, revision: { type: 'integer', description: 'The knowledge-base revision after the write.' } },
} as const;

export const kbStatsSchema = {
  type: 'object',
  properties: { documents: { type: 'integer', description: 'Documents in this replica’s index.' }, revision: { type: 'integer' } },
} as const;
