import type { IrUsage, StopReason } from '../../ir/types.ts';
import { isRecord } from '../shared/json.ts';

export function stopReasonOf(reason: unknown): StopReason {
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

/** IR → Anthropic stop_reason; content filters are Anthropic's `refusal`, and an unnamed stop reads as a natural end. */
export function anthropicStopReason(stop: StopReason): string {
  if (stop === 'content_filter') return 'refusal';
  if (stop === 'other') return 'end_turn';
  return stop;
}

/** Anthropic usage (message or message_delta) → IR, keeping only the counters present (they are cumulative). */
export function usageOf(u: unknown): Partial<IrUsage> | undefined {
  if (!isRecord(u)) return undefined;
  const out: Partial<IrUsage> = {};
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (num(u.input_tokens)) out.inputTokens = u.input_tokens as number;
  if (num(u.output_tokens)) out.outputTokens = u.output_tokens as number;
  if (num(u.cache_read_input_tokens)) out.cacheReadTokens = u.cache_read_input_tokens as number;
  if (num(u.cache_creation_input_tokens)) out.cacheWriteTokens = u.cache_creation_input_tokens as number;
  return out;
}

export function usageWire(u: IrUsage) {
  return {
    input_tokens: u.inputTokens,
    output_tokens: u.outputTokens,
    cache_creation_input_tokens: u.cacheWriteTokens ?? 0,
    cache_read_input_tokens: u.cacheReadTokens ?? 0,
  };
}
