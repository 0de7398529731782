/**
 * The Anthropic Messages body as the edge checks it: what the gateway needs
 * (model, messages, max_tokens, stream). The rest passes through to
 * Anthropic (and Bedrock InvokeModel) untouched, or is checked field by field
 * when translated for another provider.
 */
export const messagesBodySchema = {
  type: 'object',
  required: ['model', 'messages', 'max_tokens'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    messages: { type: 'array', items: { type: 'object', required: ['role'], properties: { role: { type: 'string' } } } },
    max_tokens: { type: 'integer', minimum: 1 },
    stream: { type: 'boolean' },
  },
} as const;

export const countTokensBodySchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    messages: { type: 'array', items: { type: 'object', required: ['role'], properties: { role: { type: 'string' } } } },
  },
} as const;

export const anthropicErrorSchema = {
  title: 'AnthropicError',
  type: 'object',
  required: ['type', 'error'],
  properties: {
    type: { const: 'error' },
    // `details` carries Anthropic's machine-readable error code where one applies (thread_unsupported_request).
    error: { type: 'object', properties: { type: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: true } } },
  },
} as const;

export const anthropicHeadersSchema = {
  type: 'object',
  required: ['anthropic-version'],
  properties: {
    'anthropic-version': { type: 'string', minLength: 1, description: 'The Messages API version the client speaks (e.g. 2023-06-01).' },
    'anthropic-beta': { type: 'string', description: 'Beta features, comma-separated; forwarded to Anthropic-dialect providers.' },
  },
} as const;
