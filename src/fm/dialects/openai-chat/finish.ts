import type { IrUsage, StopReason } from '../../ir/types.ts';
import { promptTokens, totalTokens } from '../../ir/usage.ts';
import { isRecord } from '../shared/json.ts';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** IR stop → finish_reason. OpenAI has one `stop` for a natural end and a stop sequence. */
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

export function stopReasonOf(reason: unknown): StopReason {
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    default:
      return 'other';
  }
}

/** OpenAI's prompt_tokens counts every input token; cached_tokens says how many of them were cache reads. */
export function usageWire(u: IrUsage) {
  return {
    prompt_tokens: promptTokens(u),
    completion_tokens: u.outputTokens,
    total_tokens: totalTokens(u),
    prompt_tokens_details: { cached_tokens: u.cacheReadTokens ?? 0 },
  };
}

/** OpenAI usage → IR: input tokens billed at the input price are prompt_tokens minus cached ones. */
export function usageOf(u: unknown): IrUsage | undefined {
  if (!isRecord(u)) return undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const cached = isRecord(u.prompt_tokens_details) ? num(u.prompt_tokens_details.cached_tokens) : 0;
  const usage: IrUsage = { inputTokens: Math.max(0, num(u.prompt_tokens) - cached), outputTokens: num(u.completion_tokens) };
  if (cached > 0) usage.cacheReadTokens = cached;
  return usage;
}
