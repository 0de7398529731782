import type { ReplyPlan } from './plan.ts';
import type { ErrorFormatter, StreamFormat } from './respond.ts';
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

export function anthropicMessage(plan: ReplyPlan, id: string): Record<string, unknown> {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: [{ type: 'text', text: plan.text }],
    stop_reason: anthropicStop(plan),
    stop_sequence: null,
    usage: { input_tokens: plan.inputTokens, output_tokens: plan.outputTokens },
  };
}

/** The stream events, as objects: opening, one per delta, closing. */
export const messageEvents = {
  open: (plan: ReplyPlan, id: string) => [
    {
      type: 'message_start',
      message: { ...anthropicMessage(plan, id), content: [], stop_reason: null, usage: { input_tokens: plan.inputTokens, output_tokens: 1 } },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  ],
  delta: (text: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
  close: (plan: ReplyPlan) => [
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: anthropicStop(plan), stop_sequence: null }, usage: { output_tokens: plan.outputTokens } },
    { type: 'message_stop' },
  ],
};

export function anthropicSse(id: string): StreamFormat {
  const all = (events: { type: string }[]): string => events.map((e) => sse(e.type, e)).join('');
  return {
    headers: { ...SSE_HEADERS, 'request-id': 'req_fake' },
    open: (plan) => all(messageEvents.open(plan, id)) + sse('ping', { type: 'ping' }),
    delta: (text) => sse('content_block_delta', messageEvents.delta(text)),
    close: (plan) => all(messageEvents.close(plan)),
    malformed: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n',
    error: (errorType, message) =>
      sse('error', { type: 'error', error: { type: errorType ?? 'overloaded_error', message: message ?? 'Overloaded' } }),
  };
}
