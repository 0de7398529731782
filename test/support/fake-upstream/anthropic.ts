import type { ReplyPlan } from './plan.ts';
import type { ErrorFormatter, StreamBlock, StreamFormat } from './respond.ts';
import { SSE_HEADERS, sse } from './sse.ts';
import type { FakeStopReason } from './types.ts';

/**
 * The Anthropic Messages wire format (https://docs.anthropic.com/en/api/messages,
 * /en/api/messages-streaming, /en/api/errors). Bedrock InvokeModel carries the
 * same events, so `messageEvents` is shared with the Bedrock dialect.
 */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const STOP: Record<FakeStopReason, string> = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  content_filter: 'refusal',
};

export function anthropicStop(plan: ReplyPlan): string {
  return plan.rawStop ?? STOP[plan.stop];
}

export const anthropicError: ErrorFormatter = (status, errorType, message) => ({
  status,
  headers: { 'content-type': 'application/json', 'request-id': 'req_fake' },
  body: JSON.stringify({
    type: 'error',
    error: { type: errorType ?? ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message: message ?? `fake upstream error ${status}` },
  }),
});

/** Prompt-cache fields only when a script set them, so plain usage stays `{input_tokens, output_tokens}`. */
function cacheFields(plan: ReplyPlan): Record<string, number> {
  if (plan.cacheReadTokens === undefined && plan.cacheWriteTokens === undefined) return {};
  return { cache_creation_input_tokens: plan.cacheWriteTokens ?? 0, cache_read_input_tokens: plan.cacheReadTokens ?? 0 };
}

export function anthropicMessage(plan: ReplyPlan, id: string): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (plan.text !== '' || plan.toolCalls.length === 0) content.push({ type: 'text', text: plan.text });
  for (const call of plan.toolCalls) content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.input });
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content,
    stop_reason: anthropicStop(plan),
    stop_sequence: null,
    usage: { input_tokens: plan.inputTokens, output_tokens: plan.outputTokens, ...cacheFields(plan) },
  };
}

/** The stream events, as objects. */
export const messageEvents = {
  open: (plan: ReplyPlan, id: string) => ({
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model: plan.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: plan.inputTokens, output_tokens: 1, ...cacheFields(plan) },
    },
  }),
  blockStart: (block: StreamBlock) => ({
    type: 'content_block_start',
    index: block.index,
    content_block: block.call ? { type: 'tool_use', id: block.call.id, name: block.call.name, input: {} } : { type: 'text', text: '' },
  }),
  delta: (piece: string, block: StreamBlock) => ({
    type: 'content_block_delta',
    index: block.index,
    delta: block.call ? { type: 'input_json_delta', partial_json: piece } : { type: 'text_delta', text: piece },
  }),
  blockStop: (block: StreamBlock) => ({ type: 'content_block_stop', index: block.index }),
  close: (plan: ReplyPlan): (Record<string, unknown> & { type: string })[] => {
    const cache = cacheFields(plan);
    // With prompt caching the final usage repeats the input counts, as Anthropic sends them.
    const usage = 'cache_read_input_tokens' in cache ? { input_tokens: plan.inputTokens, ...cache, output_tokens: plan.outputTokens } : { output_tokens: plan.outputTokens };
    return [{ type: 'message_delta', delta: { stop_reason: anthropicStop(plan), stop_sequence: null }, usage }, { type: 'message_stop' }];
  },
};

export function anthropicSse(id: string): StreamFormat {
  const all = (events: { type: string }[]): string => events.map((e) => sse(e.type, e)).join('');
  return {
    headers: { ...SSE_HEADERS, 'request-id': 'req_fake' },
    open: (plan) => sse('message_start', messageEvents.open(plan, id)),
    // A ping follows the first block start, where Anthropic sends it.
    blockStart: (block) => sse('content_block_start', messageEvents.blockStart(block)) + (block.index === 0 ? sse('ping', { type: 'ping' }) : ''),
    delta: (piece, block) => sse('content_block_delta', messageEvents.delta(piece, block)),
    blockStop: (block) => sse('content_block_stop', messageEvents.blockStop(block)),
    close: (plan) => all(messageEvents.close(plan)),
    malformed: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n',
    error: (errorType, message) =>
      sse('error', { type: 'error', error: { type: errorType ?? 'overloaded_error', message: message ?? 'Overloaded' } }),
  };
}
