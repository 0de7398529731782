import { logprobsOf } from './logprobs.ts';
import { finishOf, usageOf } from './openai.ts';
import type { ReplyPlan } from './plan.ts';
import type { StreamFormat } from './respond.ts';
import { SSE_HEADERS, sse } from './sse.ts';

/**
 * OpenAI chat completion chunks: a role chunk per choice, text deltas
 * (`delta.content`, with `logprobs` when asked), tool calls (`id`, `type`,
 * `function.name` on a call's first delta, then `function.arguments` in
 * fragments), a `finish_reason` chunk per choice, the usage chunk when
 * `stream_options.include_usage`, then `data: [DONE]`.
 */
export function chatChunks(id: string, created: number, includeUsage: boolean): StreamFormat {
  const chunk = (plan: ReplyPlan, choices: unknown[], usage?: unknown): string =>
    sse(undefined, { id, object: 'chat.completion.chunk', created, model: plan.model, choices, ...(includeUsage ? { usage: usage ?? null } : {}) });
  // With logprobs asked every choice carries the key (null on chunks without text), as OpenAI sends it.
  const choice = (plan: ReplyPlan, index: number, delta: unknown, finish: string | null = null, logprobs: unknown = null) =>
    plan.topLogprobs === undefined ? { index, delta, finish_reason: finish } : { index, delta, logprobs, finish_reason: finish };
  return {
    headers: { ...SSE_HEADERS, 'x-request-id': 'req_fake' },
    open: (plan) => {
      let out = '';
      plan.choices.forEach((c, index) => {
        const content = c.tokens.length === 0 && c.toolCalls.length > 0 ? null : '';
        out += chunk(plan, [choice(plan, index, { role: 'assistant', content })]);
      });
      return out;
    },
    blockStart: (block, plan) => {
      const call = block.call;
      if (!call) return '';
      const delta = { tool_calls: [{ index: block.callIndex, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] };
      return chunk(plan, [choice(plan, block.choice, delta)]);
    },
    delta: (piece, block, at, plan) => {
      if (block.call) return chunk(plan, [choice(plan, block.choice, { tool_calls: [{ index: block.callIndex, function: { arguments: piece } }] })]);
      const logprobs = plan.topLogprobs === undefined ? null : logprobsOf([piece], plan.topLogprobs, at);
      return chunk(plan, [choice(plan, block.choice, { content: piece }, null, logprobs)]);
    },
    blockStop: () => '',
    close: (plan) => {
      let out = '';
      plan.choices.forEach((c, index) => {
        out += chunk(plan, [choice(plan, index, {}, finishOf(plan, c))]);
      });
      return out + (includeUsage ? chunk(plan, [], usageOf(plan)) : '') + sse(undefined, '[DONE]');
    },
    malformed: () => 'data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":\n\n',
    error: (errorType, message) => sse(undefined, { error: { message: message ?? 'The server had an error', type: errorType ?? 'server_error', param: null, code: null } }),
  };
}
