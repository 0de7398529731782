import type { IrResult, IrUsage, StopReason } from '../../ir/types.ts';
import { MalformedResponseError } from '../errors.ts';
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
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'other';
  }
}

/** Converse usage: inputTokens excludes cache reads and writes (cacheRead/WriteInputTokens), the IR's meaning. */
export function usageOf(u: unknown): IrUsage | undefined {
  if (!isRecord(u)) return undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const usage: IrUsage = { inputTokens: num(u.inputTokens), outputTokens: num(u.outputTokens) };
  if (num(u.cacheReadInputTokens) > 0) usage.cacheReadTokens = num(u.cacheReadInputTokens);
  if (num(u.cacheWriteInputTokens) > 0) usage.cacheWriteTokens = num(u.cacheWriteInputTokens);
  return usage;
}

/**
 * A Converse response `{output: {message}, stopReason, usage, metrics}` → IR.
 * Converse echoes no model id: the caller's target is what answered, so
 * `model` is left '' for the caller to fill. Reasoning blocks appear only
 * when asked for (which a translated request cannot) and are not IR content.
 */
export function parseConverseResult(body: unknown): IrResult {
  const message = isRecord(body) && isRecord(body.output) ? body.output.message : undefined;
  if (!isRecord(body) || !isRecord(message) || !Array.isArray(message.content)) throw new MalformedResponseError('Converse response has no output.message.content');
  const content: IrResult['content'] = [];
  for (const b of message.content) {
    if (!isRecord(b)) continue;
    if (typeof b.text === 'string') content.push({ type: 'text', text: b.text });
    else if (isRecord(b.toolUse)) {
      const t = b.toolUse;
      if (typeof t.toolUseId !== 'string' || typeof t.name !== 'string' || !isRecord(t.input)) throw new MalformedResponseError('Converse toolUse block without toolUseId, name or input object');
      content.push({ type: 'tool_use', id: t.toolUseId, name: t.name, input: t.input });
    }
  }
  return { model: '', content, stopReason: stopReasonOf(body.stopReason), usage: usageOf(body.usage) ?? { inputTokens: 0, outputTokens: 0 } };
}
