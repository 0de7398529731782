import type { ReplyPlan } from './plan.ts';
import type { ErrorFormatter, StreamFormat } from './respond.ts';
import { SSE_HEADERS, sse } from './sse.ts';
import type { FakeStopReason } from './types.ts';

/**
 * OpenAI Chat Completions (https://platform.openai.com/docs/api-reference/chat),
 * the streaming chunk object with `stream_options.include_usage`, embeddings
 * (float or base64 little-endian float32) and the error object.
 */
const FINISH: Record<FakeStopReason, string> = {
  end_turn: 'stop',
  max_tokens: 'length',
  stop_sequence: 'stop',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
};

const finish = (plan: ReplyPlan): string => plan.rawStop ?? FINISH[plan.stop];

export const openaiError: ErrorFormatter = (status, errorType, message) => {
  const type = errorType ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : status === 401 ? 'invalid_api_key' : 'invalid_request_error');
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_fake' },
    body: JSON.stringify({
      error: {
        message: message ?? `fake upstream error ${status}`,
        type,
        param: null,
        code: status === 429 ? 'rate_limit_exceeded' : null,
      },
    }),
  };
};

const usageOf = (plan: ReplyPlan) => ({
  prompt_tokens: plan.inputTokens,
  completion_tokens: plan.outputTokens,
  total_tokens: plan.inputTokens + plan.outputTokens,
});

export function chatCompletion(plan: ReplyPlan, id: string, created: number): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created,
    model: plan.model,
    choices: [{ index: 0, message: { role: 'assistant', content: plan.text, refusal: null }, logprobs: null, finish_reason: finish(plan) }],
    usage: usageOf(plan),
  };
}

export function chatChunks(id: string, created: number, includeUsage: boolean): StreamFormat {
  const chunk = (plan: ReplyPlan, choices: unknown[], usage?: unknown) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: plan.model,
    choices,
    ...(includeUsage ? { usage: usage ?? null } : {}),
  });
  return {
    headers: { ...SSE_HEADERS, 'x-request-id': 'req_fake' },
    open: (plan) => sse(undefined, chunk(plan, [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }])),
    delta: (text, _i, plan) => sse(undefined, chunk(plan, [{ index: 0, delta: { content: text }, finish_reason: null }])),
    close: (plan) =>
      sse(undefined, chunk(plan, [{ index: 0, delta: {}, finish_reason: finish(plan) }])) +
      (includeUsage ? sse(undefined, chunk(plan, [], usageOf(plan))) : '') +
      sse(undefined, '[DONE]'),
    malformed: () => 'data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":\n\n',
    error: (errorType, message) => sse(undefined, { error: { message: message ?? 'The server had an error', type: errorType ?? 'server_error', param: null, code: null } }),
  };
}

export function embeddingsList(vectors: number[][], model: string, base64: boolean, promptTokens: number): Record<string, unknown> {
  return {
    object: 'list',
    data: vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v,
    })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

export function modelList(ids: string[]): Record<string, unknown> {
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake-upstream' })) };
}
