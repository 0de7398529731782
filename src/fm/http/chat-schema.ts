/** JSON Schemas of the chat routes (POST /v1/chat body, GET /v1/chat/stream query, WebSocket turns). */
export const SESSION_ID = { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', description: 'Conversation id; history is stored per tenant.' } as const;
const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export const imageSchema = {
  type: 'object',
  required: ['media_type', 'data'],
  additionalProperties: false,
  properties: {
    media_type: { enum: [...IMAGE_MEDIA_TYPES] },
    data: { type: 'string', minLength: 4, pattern: BASE64, description: 'Base64 image bytes.' },
  },
} as const;

const partSchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['text', 'image'] },
    text: { type: 'string' },
    media_type: { enum: [...IMAGE_MEDIA_TYPES] },
    data: { type: 'string', pattern: BASE64 },
  },
  additionalProperties: false,
} as const;

export const messageSchema = {
  type: 'object',
  required: ['role', 'content'],
  additionalProperties: false,
  properties: {
    role: { enum: ['user', 'assistant'] },
    content: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, maxItems: 20, items: partSchema }] },
  },
} as const;

/** Generation parameters shared by the body, the query and WebSocket turns. */
export const turnProperties = {
  message: { type: 'string', minLength: 1, maxLength: 100_000, description: 'The user message (the simple form).' },
  messages: { type: 'array', minItems: 1, maxItems: 200, items: messageSchema, description: 'A whole conversation (the last message is the user turn).' },
  system: { type: 'string', maxLength: 100_000 },
  model: { type: 'string', minLength: 1, maxLength: 200, description: 'A catalog alias, provider model id, split name or auto.' },
  session_id: SESSION_ID,
  max_tokens: { type: 'integer', minimum: 1, maximum: 200_000 },
  temperature: { type: 'number', minimum: 0, maximum: 2 },
  top_p: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  stop: { type: 'array', maxItems: 8, items: { type: 'string', minLength: 1 } },
  skip_cache: { type: 'boolean' },
  images: { type: 'array', maxItems: 8, items: imageSchema, description: 'Images for the user turn (base64).' },
  context: {
    type: 'array',
    maxItems: 50,
    description: 'Retrieved passages to ground the answer (the offline model quotes them).',
    items: {
      type: 'object',
      required: ['id', 'text'],
      additionalProperties: false,
      properties: { id: { type: 'string', minLength: 1 }, title: { type: 'string' }, text: { type: 'string', minLength: 1 } },
    },
  },
} as const;

export const chatBodySchema = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['message'] }, { required: ['messages'] }],
  properties: { ...turnProperties, stream: { type: 'boolean', description: 'Answer as server-sent events (same as Accept: text/event-stream).' } },
} as const;

export const chatQuerySchema = {
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: {
    message: turnProperties.message,
    system: turnProperties.system,
    model: turnProperties.model,
    session_id: SESSION_ID,
    max_tokens: turnProperties.max_tokens,
    temperature: turnProperties.temperature,
    top_p: turnProperties.top_p,
    skip_cache: turnProperties.skip_cache,
    api_key: { type: 'string', description: 'The API key, for clients that cannot set headers (browser EventSource); a header wins. Redacted from logs.' },
  },
} as const;

export interface ImageInput {
  media_type: string;
  data: string;
}

export interface ChatBody {
  message?: string;
  messages?: { role: 'user' | 'assistant'; content: string | { type: 'text' | 'image'; text?: string; media_type?: string; data?: string }[] }[];
  system?: string;
  model?: string;
  session_id?: string;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  skip_cache?: boolean;
  images?: ImageInput[];
  context?: { id: string; title?: string; text: string }[];
  stream?: boolean;
}
