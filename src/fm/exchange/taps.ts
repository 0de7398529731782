import { MalformedResponseError, UpstreamStreamError } from '../dialects/errors.ts';
import type { IrUsage, StopReason } from '../ir/types.ts';
import type { RawFrame } from '../providers/port.ts';
import type { Outcome } from './types.ts';

/**
 * What pass-through reads off the wire on the side: usage, stop reason,
 * model, whether the answer ended properly, and how much text it carried —
 * without rebuilding the answer. One JSON.parse per body or frame; the
 * bytes the client gets are the provider's own.
 */
export interface OutcomeTap {
  /** Reads one frame; false when the frame must not reach the client (a usage chunk it did not ask for). Throws on the provider's in-stream error. */
  read(frame: RawFrame): boolean;
  /** Answer characters seen since the last call. */
  takeChars(): number;
  /** The stream carried its terminal event. */
  readonly complete: boolean;
  outcome(fallbackModel: string): Outcome;
}

const ZERO: IrUsage = { inputTokens: 0, outputTokens: 0 };
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function parse(text: string, what: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch (err) {
    throw new MalformedResponseError(`${what} is not JSON`, err);
  }
  throw new MalformedResponseError(`${what} is not a JSON object`);
}

// ---- OpenAI Chat Completions

export function openaiStop(reason: unknown): StopReason {
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}

/** prompt_tokens counts cached tokens too; the IR's inputTokens does not. */
function openaiUsage(u: unknown): IrUsage | undefined {
  if (typeof u !== 'object' || u === null) return undefined;
  const usage = u as { prompt_tokens?: unknown; completion_tokens?: unknown; prompt_tokens_details?: { cached_tokens?: unknown } | null };
  const cached = num(usage.prompt_tokens_details?.cached_tokens);
  const out: IrUsage = { inputTokens: Math.max(0, num(usage.prompt_tokens) - cached), outputTokens: num(usage.completion_tokens) };
  if (cached > 0) out.cacheReadTokens = cached;
  return out;
}

type OpenAIChoice = { finish_reason?: unknown; message?: OpenAIMessage; delta?: OpenAIMessage };
type OpenAIMessage = { content?: unknown; refusal?: unknown; tool_calls?: { function?: { arguments?: unknown } }[] };

function messageChars(m: OpenAIMessage | undefined): number {
  if (!m) return 0;
  let n = typeof m.content === 'string' ? m.content.length : 0;
  if (typeof m.refusal === 'string') n += m.refusal.length;
  if (Array.isArray(m.tool_calls)) for (const c of m.tool_calls) if (typeof c?.function?.arguments === 'string') n += c.function.arguments.length;
  return n;
}

export function openaiJsonOutcome(text: string, fallbackModel: string): { outcome: Outcome; chars: number } {
  const body = parse(text, 'the chat completion');
  const choices = (Array.isArray(body.choices) ? body.choices : []) as OpenAIChoice[];
  const usage = openaiUsage(body.usage);
  const chars = choices.reduce((n, c) => n + messageChars(c.message), 0);
  const outcome: Outcome = {
    usage: usage ?? ZERO,
    stopReason: openaiStop(choices[0]?.finish_reason),
    model: typeof body.model === 'string' && body.model ? body.model : fallbackModel,
  };
  if (!usage) outcome.estimated = true;
  return { outcome, chars };
}

export function openaiStreamTap(options: { dropUsageChunk: boolean }): OutcomeTap {
  let usage: IrUsage | undefined;
  let stop: StopReason | undefined;
  let model: string | undefined;
  let chars = 0;
  let done = false;
  return {
    read(frame) {
      if (frame.data === '[DONE]') {
        done = true;
        return true;
      }
      const chunk = parse(frame.data, 'a chat completion chunk');
      if (chunk.error !== undefined) throw streamError(chunk.error);
      if (typeof chunk.model === 'string' && chunk.model) model = chunk.model;
      const choices = (Array.isArray(chunk.choices) ? chunk.choices : []) as OpenAIChoice[];
      for (const c of choices) {
        chars += messageChars(c.delta);
        if (stop === undefined && c.finish_reason != null) stop = openaiStop(c.finish_reason);
      }
      const u = openaiUsage(chunk.usage);
      if (u) usage = u;
      return !(options.dropUsageChunk && u && choices.length === 0);
    },
    takeChars() {
      const n = chars;
      chars = 0;
      return n;
    },
    get complete() {
      // [DONE] is the protocol's end; a server that omits it has still finished once a finish reason arrived.
      return done || stop !== undefined;
    },
    outcome(fallbackModel) {
      const outcome: Outcome = { usage: usage ?? ZERO, stopReason: stop ?? 'other', model: model ?? fallbackModel };
      if (!usage) outcome.estimated = true;
      return outcome;
    },
  };
}

function streamError(error: unknown): UpstreamStreamError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { type?: unknown; code?: unknown; message?: unknown };
  const type = typeof e.code === 'string' ? e.code : typeof e.type === 'string' ? e.type : undefined;
  return new UpstreamStreamError(type, typeof e.message === 'string' ? e.message : 'the provider reported an error in the stream');
}

// ---- Anthropic Messages

export function anthropicStop(reason: unknown): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'max_tokens':
    case 'stop_sequence':
    case 'tool_use':
      return reason;
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}

/** Anthropic usage objects are cumulative: a field present replaces the earlier value. */
function mergeAnthropicUsage(into: IrUsage, u: unknown): void {
  if (typeof u !== 'object' || u === null) return;
  const usage = u as Record<string, unknown>;
  if (typeof usage.input_tokens === 'number') into.inputTokens = usage.input_tokens;
  if (typeof usage.output_tokens === 'number') into.outputTokens = usage.output_tokens;
  if (typeof usage.cache_read_input_tokens === 'number') into.cacheReadTokens = usage.cache_read_input_tokens;
  if (typeof usage.cache_creation_input_tokens === 'number') into.cacheWriteTokens = usage.cache_creation_input_tokens;
}

type AnthropicBlock = { type?: unknown; text?: unknown; input?: unknown };

export function anthropicJsonOutcome(text: string, fallbackModel: string): { outcome: Outcome; chars: number } {
  const body = parse(text, 'the message');
  const usage: IrUsage = { inputTokens: 0, outputTokens: 0 };
  mergeAnthropicUsage(usage, body.usage);
  let chars = 0;
  for (const b of (Array.isArray(body.content) ? body.content : []) as AnthropicBlock[]) {
    if (typeof b.text === 'string') chars += b.text.length;
    else if (b.type === 'tool_use') chars += JSON.stringify(b.input ?? {}).length;
  }
  const outcome: Outcome = { usage, stopReason: anthropicStop(body.stop_reason), model: typeof body.model === 'string' && body.model ? body.model : fallbackModel };
  if (body.usage === undefined) outcome.estimated = true;
  return { outcome, chars };
}

export function anthropicStreamTap(): OutcomeTap {
  const usage: IrUsage = { inputTokens: 0, outputTokens: 0 };
  let sawUsage = false;
  let stop: StopReason | undefined;
  let model: string | undefined;
  let chars = 0;
  let done = false;
  return {
    read(frame) {
      const event = parse(frame.data, `the ${frame.event ?? 'stream'} event`);
      switch (event.type) {
        case 'message_start': {
          const message = (event.message ?? {}) as { model?: unknown; usage?: unknown };
          if (typeof message.model === 'string') model = message.model;
          if (message.usage !== undefined) sawUsage = true;
          mergeAnthropicUsage(usage, message.usage);
          break;
        }
        case 'content_block_delta': {
          const delta = (event.delta ?? {}) as { text?: unknown; partial_json?: unknown; thinking?: unknown };
          for (const v of [delta.text, delta.partial_json, delta.thinking]) if (typeof v === 'string') chars += v.length;
          break;
        }
        case 'message_delta': {
          const delta = (event.delta ?? {}) as { stop_reason?: unknown };
          if (delta.stop_reason != null) stop = anthropicStop(delta.stop_reason);
          if (event.usage !== undefined) sawUsage = true;
          mergeAnthropicUsage(usage, event.usage);
          break;
        }
        case 'message_stop':
          done = true;
          break;
        case 'error':
          throw streamError(event.error);
      }
      return true;
    },
    takeChars() {
      const n = chars;
      chars = 0;
      return n;
    },
    get complete() {
      return done;
    },
    outcome(fallbackModel) {
      const outcome: Outcome = { usage: { ...usage }, stopReason: stop ?? 'other', model: model ?? fallbackModel };
      if (!sawUsage) outcome.estimated = true;
      return outcome;
    },
  };
}
