import { logprobsOf } from './logprobs.ts';
import type { ChoicePlan, ReplyPlan } from './plan.ts';
import type { ErrorFormatter } from './respond.ts';
import type { FakeStopReason } from './types.ts';

/**
 * OpenAI Chat Completions (https://platform.openai.com/docs/api-reference/chat):
 * the completion object with tool calls, `n` choices and logprobs, embeddings
 * (float or base64 little-endian float32), models and the error object. The
 * streamed chunks are in openai-stream.ts.
 */
const FINISH: Record<FakeStopReason, string> = {
  end_turn: 'stop',
  max_tokens: 'length',
  stop_sequence: 'stop',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
};

export const finishOf = (plan: ReplyPlan, choice: ChoicePlan): string => plan.rawStop ?? FINISH[choice.stop];

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
        code: status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null,
      },
    }),
  };
};

/** prompt_tokens counts every input token, cached ones included (OpenAI's meaning). */
export function usageOf(plan: ReplyPlan): Record<string, unknown> {
  if (plan.cacheReadTokens === undefined && plan.cacheWriteTokens === undefined) {
    return { prompt_tokens: plan.inputTokens, completion_tokens: plan.outputTokens, total_tokens: plan.inputTokens + plan.outputTokens };
  }
  const prompt = plan.inputTokens + (plan.cacheReadTokens ?? 0) + (plan.cacheWriteTokens ?? 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: plan.outputTokens,
    total_tokens: prompt + plan.outputTokens,
    prompt_tokens_details: { cached_tokens: plan.cacheReadTokens ?? 0 },
  };
}

function messageOf(choice: ChoicePlan): Record<string, unknown> {
  if (choice.toolCalls.length === 0) return { role: 'assistant', content: choice.text, refusal: null };
  return {
    role: 'assistant',
    content: choice.text === '' ? null : choice.text,
    refusal: null,
    tool_calls: choice.toolCalls.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.json } })),
  };
}

export function chatCompletion(plan: ReplyPlan, id: string, created: number): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created,
    model: plan.model,
    choices: plan.choices.map((choice, index) => ({
      index,
      message: messageOf(choice),
      logprobs: plan.topLogprobs === undefined ? null : logprobsOf(choice.tokens, plan.topLogprobs),
      finish_reason: finishOf(plan, choice),
    })),
    usage: usageOf(plan),
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
