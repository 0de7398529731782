import { createAjv, formatIssues, toIssues, ValidationError } from '../../../kernel/index.ts';
import { IMAGE_MEDIA_TYPES, turnProperties, type ChatBody } from '../chat-schema.ts';
import type { CompiledTurnKind } from './turn-kinds.ts';

/**
 * Client → server text frames (JSON):
 *  - `{"type":"chat", "id"?, "message" | "messages", …}` — one turn (same fields as POST /v1/chat).
 *    An `images` entry without `data` announces a binary frame: the next binary frames are those
 *    images, in order, and the turn starts once all have arrived.
 *  - `{"type":"cancel"}` — aborts the turn in progress (and its upstream call).
 *  - `{"type":"ping"}` — answered with `{"type":"pong"}` (browsers cannot send protocol pings).
 *  - `{"type":"<app>.<name>", "id"?, …}` — an app's own turn (see turn-kinds.ts), e.g. `manga.chat`.
 */
export type ClientMessage =
  | ({ type: 'chat'; id?: string; images?: { media_type: string; data?: string }[] } & Omit<ChatBody, 'images' | 'stream'>)
  | { type: 'cancel'; id?: string }
  | { type: 'ping' }
  | { type: 'app'; kind: CompiledTurnKind; frame: Record<string, unknown> };

const { images: _images, ...chatProperties } = turnProperties;
/** The JSON Schemas of the built-in client frames (also the OpenAPI description of the socket). */
export const clientFrameSchemas = {
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
const validators = { chat: ajv.compile(clientFrameSchemas.chat), cancel: ajv.compile(clientFrameSchemas.cancel), ping: ajv.compile(clientFrameSchemas.ping) };

/** Parses and validates one text frame; a ValidationError says what is wrong. */
export function parseClientMessage(text: string, kinds: ReadonlyMap<string, CompiledTurnKind> = new Map()): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('INVALID_JSON', 'message is not valid JSON');
  }
  const type = (value as { type?: unknown })?.type;
  const app = typeof type === 'string' ? kinds.get(type) : undefined;
  if (app) return { type: 'app', kind: app, frame: app.parse(value) };
  if (type !== 'chat' && type !== 'cancel' && type !== 'ping') {
    const known = ['chat', 'cancel', 'ping', ...kinds.keys()].map((t) => `"${t}"`);
    const list = `${known.slice(0, -1).join(', ')} or ${known.at(-1)}`;
    throw new ValidationError('VALIDATION_FAILED', `message type must be ${list}`, { details: [{ path: 'type', message: `must be ${list.replaceAll('"', '')}` }] });
  }
  const validate = validators[type];
  if (!validate(value)) {
    const issues = toIssues(validate.errors);
    throw new ValidationError('VALIDATION_FAILED', `message is invalid: ${formatIssues(issues)}`, { details: issues });
  }
  return value as ClientMessage;
}
