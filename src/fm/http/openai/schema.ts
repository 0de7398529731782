/**
 * The OpenAI Chat Completions body as the edge checks it: only what the
 * gateway itself needs (a model, messages, the stream flags). Everything
 * else is the dialect's business — passed through untouched to an
 * OpenAI-compatible provider, or checked field by field when translated.
 */
export const completionBodySchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    messages: { type: 'array', minItems: 1, items: { type: 'object', required: ['role'], properties: { role: { type: 'string' } } } },
    stream: { type: ['boolean', 'null'] },
    stream_options: { type: ['object', 'null'], properties: { include_usage: { type: ['boolean', 'null'] } } },
  },
} as const;

export const embeddingsBodySchema = {
  type: 'object',
  required: ['model', 'input'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    input: { anyOf: [{ type: 'string' }, { type: 'array', minItems: 1, maxItems: 2048 }] },
    encoding_format: { enum: ['float', 'base64'] },
    dimensions: { type: 'integer', minimum: 1 },
    user: { type: 'string' },
  },
} as const;

/** A JSON object as the provider answered it (OpenAI's own schema is the reference). */
export const openAIObject = { type: 'object', additionalProperties: true } as const;

export const openAIErrorSchema = {
  title: 'OpenAIError',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      properties: { message: { type: 'string' }, type: { type: 'string' }, param: { type: ['string', 'null'] }, code: { type: ['string', 'null'] } },
    },
  },
} as const;
