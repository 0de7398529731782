import type { GatewayResult, GatewayStreamEvent } from '../../pipeline/index.ts';
import type { StopReason, Usage } from '../../types.ts';

type Done = Extract<GatewayStreamEvent, { type: 'done' }>;

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export function finishReason(stop: StopReason): FinishReason {
  switch (stop) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

const usageOf = (u: Usage) => ({ prompt_tokens: u.inputTokens, completion_tokens: u.outputTokens, total_tokens: u.inputTokens + u.outputTokens });

/** A `chat.completion` object. `model` is the alias that answered. */
export function completionResponse(id: string, created: number, result: GatewayResult) {
  return {
    id,
    object: 'chat.completion',
    created,
    model: result.model,
    choices: [{ index: 0, message: { role: 'assistant', content: result.text, refusal: null }, logprobs: null, finish_reason: finishReason(result.stopReason) }],
    usage: usageOf(result.usage),
    system_fingerprint: null,
  };
}

/** Builds `chat.completion.chunk` objects of one streamed answer. */
export function chunkBuilder(id: string, created: number, model: string, includeUsage: boolean) {
  const base = (choices: unknown[]) => ({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, ...(includeUsage ? { usage: null } : {}) });
  return {
    role: () => base([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
    delta: (text: string) => base([{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }]),
    finish: (done: Done) => base([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason(done.stopReason) }]),
    /** Sent last when `stream_options.include_usage` is set: no choices, the usage of the whole answer. */
    usage: (done: Done) => ({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices: [], usage: usageOf(done.usage) }),
  };
}
