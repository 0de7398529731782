import { createAjv, formatIssues, toIssues, ValidationError } from '../../../kernel/index.ts';
import type { Caller } from '../types.ts';

/** What an app's turn streams: `start` (with what the client should show first), text `chunk`s, then `complete`. */
export type WsTurnEvent = { type: 'start'; data?: Record<string, unknown> } | { type: 'chunk'; text: string } | { type: 'complete'; data?: Record<string, unknown> };

/**
 * An app's own turn on the gateway's WebSocket (`/v1/chat/ws`): a client
 * frame `{"type": "<type>", "id"?, …fields}` runs `run`, and the connection
 * does the rest exactly as for a plain chat turn — authentication, one turn
 * at a time, `cancel`, keep-alive, backpressure, the usage plan, error frames.
 * So an app streams its answers over WebSocket without a socket of its own.
 */
export interface WsTurnKind {
  /** The frame type, namespaced by the app (`manga.chat`); must not be chat, cancel or ping. */
  type: string;
  /** JSON Schema of the frame's own fields (`type` and `id` are added); defaults are applied. */
  schema: { type: 'object'; properties: Record<string, unknown>; required?: readonly string[] };
  /** Runs one turn. `signal` aborts when the client cancels or goes away. */
  run(frame: Record<string, unknown>, caller: Caller, signal: AbortSignal): AsyncIterable<WsTurnEvent>;
}

const RESERVED = new Set(['chat', 'cancel', 'ping']);
const TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/;

export interface CompiledTurnKind {
  kind: WsTurnKind;
  /** The whole frame's JSON Schema (with `type` and `id`), as validated. */
  schema: Record<string, unknown>;
  /** Validates (applying defaults to) a frame, or throws a ValidationError naming every problem. */
  parse(value: unknown): Record<string, unknown>;
}

/** Checks the kinds' names and compiles their frame schemas once, at startup. */
export function compileTurnKinds(kinds: readonly WsTurnKind[]): ReadonlyMap<string, CompiledTurnKind> {
  const ajv = createAjv({ useDefaults: true });
  const compiled = new Map<string, CompiledTurnKind>();
  for (const kind of kinds) {
    if (RESERVED.has(kind.type) || !TYPE_PATTERN.test(kind.type)) throw new Error(`WebSocket turn type ${JSON.stringify(kind.type)} must look like "<app>.<name>" (lower case)`);
    if (compiled.has(kind.type)) throw new Error(`WebSocket turn type ${kind.type} is registered twice`);
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['type', ...(kind.schema.required ?? [])],
      properties: { ...kind.schema.properties, type: { const: kind.type }, id: { type: 'string', minLength: 1, maxLength: 128 } },
    };
    const validate = ajv.compile(schema);
    compiled.set(kind.type, {
      kind,
      schema,
      parse(value) {
        if (!validate(value)) {
          const issues = toIssues(validate.errors);
          throw new ValidationError('VALIDATION_FAILED', `message is invalid: ${formatIssues(issues)}`, { details: issues });
        }
        return value as Record<string, unknown>;
      },
    });
  }
  return compiled;
}
