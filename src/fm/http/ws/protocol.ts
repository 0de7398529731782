import { createAjv, formatIssues, toIssues, ValidationError } from '../../../kernel/index.ts';
import { IMAGE_MEDIA_TYPES, turnProperties, type ChatBody } from '../chat-schema.ts';

/**
 * Client → server text frames (JSON):
 *  - `{"type":"chat", "id"?, "message" | "messages", …}` — one turn (same fields as POST /v1/chat).
 *    An `images` entry without `data` announces a binary frame: the next binary frames are those
 *    images, in order, and the turn starts once all have arrived.
 *  - `{"type":"cancel"}` — aborts the turn in progress (and its upstream call).
 *  - `{"type":"ping"}` — answered with `{"type":"pong"}` (browsers cannot send protocol pings).
 */
export type ClientMessage =
  | ({ type: 'chat'; id?: string; images?: { media_type: string; data?: string }[] } & Omit<ChatBody, 'images' | 'stream'>)
  | { type: 'cancel'; id?: string }
  | { type: 'ping' };

const { images: _images, ...chatProperties } = turnProperties;
const schemas = {
  chat: {
    type: 'object',
    required: ['type'],
    additionalProperties: false,
    anyOf: [{ required: ['message'] }, { required: ['messages'] }],
    properties: {
      type: { const: 'chat' },
      id: { type: 'string', minLength: 1, maxLength: 128 },
      ...chatProperties,
      images: {
        type: 'array',
        maxItems: 8,
        items: {
          type: 'object',
          required: ['media_type'],
          additionalProperties: false,
          properties: { media_type: { enum: [...IMAGE_MEDIA_TYPES] }, data: { type: 'string', minLength: 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' } },
        },
      },
    },
  },
  cancel: { type: 'object', required: ['type'], additionalProperties: false, properties: { type: { const: 'cancel' }, id: { type: 'string' } } },
  ping: { type: 'object', required: ['type'], additionalProperties: false, properties: { type: { const: 'ping' } } },
} as const;

const ajv = createAjv();
const validators = { chat: ajv.compile(schemas.chat), cancel: ajv.compile(schemas.cancel), ping: ajv.compile(schemas.ping) };

/** Parses and validates one text frame; a ValidationError says what is wrong. */
export function parseClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('INVALID_JSON', 'message is not valid JSON');
  }
  const type = (value as { type?: unknown })?.type;
  if (type !== 'chat' && type !== 'cancel' && type !== 'ping') {
    throw new ValidationError('VALIDATION_FAILED', 'message type must be "chat", "cancel" or "ping"', { details: [{ path: 'type', message: 'must be chat, cancel or ping' }] });
  }
  const validate = validators[type];
  if (!validate(value)) {
    const issues = toIssues(validate.errors);
    throw new ValidationError('VALIDATION_FAILED', `message is invalid: ${formatIssues(issues)}`, { details: issues });
  }
  return value as ClientMessage;
}
