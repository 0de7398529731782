/** Shared JSON Schemas for the OpenAPI document. */
export const errorEnvelopeSchema = {
  $id: 'ErrorEnvelope',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable error code (see the README error table).' },
        message: { type: 'string' },
        details: {},
        requestId: { type: 'string' },
      },
    },
  },
} as const;

export const errorRef = { $ref: 'ErrorEnvelope#' } as const;

/** Response schemas for the usual error statuses, to spread into a route schema. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]));
}

/**
 * A response object: the listed properties are typed (and serialized as typed), any
 * others pass through untouched — fast-json-stringify drops what a closed schema omits.
 */
export function openObject<P extends Record<string, unknown>>(properties: P, extra: Record<string, unknown> = {}) {
  return { type: 'object', additionalProperties: true, properties, ...extra } as const;
}

/** `{ <key>: [items…] }`, open like openObject. */
export function listOf(key: string, items: unknown, description?: string) {
  return { type: 'object', additionalProperties: true, properties: { [key]: { type: 'array', items } }, ...(description ? { description } : {}) } as const;
}

/**
 * A `text/event-stream` answer. The body is a stream, which Fastify never serializes:
 * the schema documents the frames (`description` names each event and its data).
 */
export function eventStream(description: string) {
  return { description, content: { 'text/event-stream': { schema: { type: 'string', description } } } } as const;
}

/** Any JSON value (a payload, a pattern, a stored detail): documented, never reshaped. */
export const anyJson = {} as const;

/** An answer with no body (204, or an action that only succeeds). */
export const noContent = { type: 'null', description: 'No content.' } as const;
