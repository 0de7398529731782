import type { IrResult } from '../../ir/types.ts';
import type { RenderInfo } from '../types.ts';
import { MalformedResponseError } from '../errors.ts';
import { isRecord, type Json } from '../shared/json.ts';
import { anthropicStopReason, stopReasonOf, usageOf, usageWire } from './stop.ts';

/** An IrResult as an Anthropic `message` object. */
export function renderAnthropicResult(result: IrResult, info: RenderInfo): Json {
  return {
    id: info.id,
    type: 'message',
    role: 'assistant',
    model: info.model,
    content: result.content.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'tool_use', id: p.id, name: p.name, input: p.input })),
    stop_reason: anthropicStopReason(result.stopReason),
    stop_sequence: result.stopSequence ?? null,
    usage: usageWire(result.usage),
  };
}

/**
 * An Anthropic `message` body → IR. Text and tool_use blocks are the answer;
 * thinking and server-tool blocks appear only when the client asked for
 * them, which a translated request cannot (they are refused), so they are
 * not part of the IR answer.
 */
export function parseAnthropicResult(body: unknown): IrResult {
  if (!isRecord(body) || !Array.isArray(body.content)) throw new MalformedResponseError('Anthropic response is not a message (no content array)');
  const content: IrResult['content'] = [];
  for (const b of body.content) {
    if (!isRecord(b)) continue;
    if (b.type === 'text' && typeof b.text === 'string') content.push({ type: 'text', text: b.text });
    else if (b.type === 'tool_use') {
      if (typeof b.id !== 'string' || typeof b.name !== 'string' || !isRecord(b.input)) throw new MalformedResponseError('Anthropic tool_use block without id, name or input object');
      content.push({ type: 'tool_use', id: b.id, name: b.name, input: b.input });
    }
  }
  const usage = usageOf(body.usage) ?? {};
  const result: IrResult = {
    model: typeof body.model === 'string' ? body.model : '',
    content,
    stopReason: stopReasonOf(body.stop_reason),
    usage: { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 },
  };
  if (usage.cacheReadTokens) result.usage.cacheReadTokens = usage.cacheReadTokens;
  if (usage.cacheWriteTokens) result.usage.cacheWriteTokens = usage.cacheWriteTokens;
  if (typeof body.id === 'string') result.id = body.id;
  if (typeof body.stop_sequence === 'string') result.stopSequence = body.stop_sequence;
  return result;
}
