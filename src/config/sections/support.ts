/**
 * The `support:` section: the Support Desk application (src/apps/support).
 * Its TypeScript view is `SupportSettings` in src/apps/support/settings.ts.
 */
const ms = (def: number, min: number, description: string) => ({ type: 'integer', minimum: min, default: def, description }) as const;

export const supportSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Support Desk application: tickets solved from the knowledge base (routes under /support/v1).',
  properties: {
    enabled: { type: 'boolean', default: true, description: 'Register the Support Desk routes, functions, rules and jobs.' },
    tickets: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Ticket lifetime and who may see what.',
      properties: {
        ttlDays: { type: 'integer', minimum: 1, default: 30, description: 'A ticket (with its solution and feedback) is purged this many days after creation.' },
        estimatedCompletionSeconds: { type: 'integer', minimum: 1, default: 120, description: 'Added to created_at for estimated_completion.' },
        tenantKeys: {
          type: 'boolean',
          default: true,
          description:
            'A credential without a customer (key, JWT or partner with no customer id) acts for its whole tenant: it files tickets for the body customer.id and sees all tenant tickets. false: such credentials get 403 CUSTOMER_REQUIRED.',
        },
      },
    },
    workflow: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'The solution workflow (queue job support.solve).',
      properties: {
        maxAttempts: { type: 'integer', minimum: 1, maximum: 50, default: 4, description: 'Attempts of the solve job before the ticket is FAILED and the job dead-lettered.' },
        maxAgeMs: ms(3_600_000, 60_000, 'A solve job older than this is dead-lettered; PROCESSING tickets older than this are failed by the purge.'),
        model: { type: 'string', default: '', description: 'FM model alias for solutions (empty: the gateway default route).' },
        maxTokens: { type: 'integer', minimum: 16, default: 800, description: 'Max output tokens of a solution.' },
        passages: { type: 'integer', minimum: 1, maximum: 20, default: 4, description: 'Knowledge-base passages retrieved per ticket.' },
        passageChars: { type: 'integer', minimum: 200, default: 2000, description: 'Longest passage text handed to the model.' },
        timeoutMs: ms(60_000, 1000, 'Deadline of one generation attempt.'),
      },
    },
    kb: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'The knowledge base (documents in the store, indexed in memory).',
      properties: {
        refreshMs: ms(2000, 0, 'How often a replica looks for documents ingested elsewhere (CLI, another replica).'),
        fusion: { enum: ['minmax', 'rrf'], default: 'minmax', description: 'How BM25 and vector rankings are fused.' },
        embeddings: {
          enum: ['offline', 'provider'],
          default: 'offline',
          description: "Vector side: 'offline' (deterministic, fitted on the corpus, no network) or 'provider' (the first fm provider with an embeddingModel: Bedrock Titan, OpenAI-compatible…).",
        },
        embeddingDimensions: { type: 'integer', minimum: 1, description: "With embeddings: provider, the vector size (default: asked of the provider once at start)." },
      },
    },
    purgeSchedule: { type: 'string', default: 'rate(1 hour)', description: 'Schedule of the purge of expired tickets (an events schedule expression).' },
  },
} as const;
