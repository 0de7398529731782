import type { IrResult, IrTextPart, IrToolUsePart } from '../../ir/types.ts';
import type { RenderInfo } from '../types.ts';
import { MalformedResponseError } from '../errors.ts';
import { isRecord, parseObjectText, type Json } from '../shared/json.ts';
import { finishReason, stopReasonOf, usageOf, usageWire } from './finish.ts';

/** An IrResult as a `chat.completion` object, as the `openai` SDK types it. */
export function renderOpenAIChatResult(result: IrResult, info: RenderInfo): Json {
  const text = result.content.filter((p): p is IrTextPart => p.type === 'text').map((p) => p.text);
  const calls = result.content.filter((p): p is IrToolUsePart => p.type === 'tool_use');
  const message: Json = { role: 'assistant', content: text.length > 0 ? text.join('') : null, refusal: null };
  if (calls.length > 0) message.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } }));
  return {
    id: info.id,
    object: 'chat.completion',
    created: info.created,
    model: info.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(result.stopReason) }],
    usage: usageWire(result.usage),
    system_fingerprint: null,
  };
}

/**
 * A `chat.completion` body → IR. A refusal (structured outputs) is kept as
 * text with stop reason `content_filter`; tool-call arguments that are not a
 * JSON object cannot become a tool_use input and fail the call (502), never
 * a silently emptied call.
 */
export function parseOpenAIChatResult(body: unknown): IrResult {
  const choice = isRecord(body) && Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isRecord(body) || !isRecord(choice) || !isRecord(choice.message)) throw new MalformedResponseError('OpenAI response has no choices[0].message');
  const m = choice.message;
  const content: IrResult['content'] = [];
  if (typeof m.content === 'string' && m.content !== '') content.push({ type: 'text', text: m.content });
  if (typeof m.refusal === 'string' && m.refusal !== '') content.push({ type: 'text', text: m.refusal });
  for (const call of Array.isArray(m.tool_calls) ? m.tool_calls : []) content.push(toolUse(call));
  const result: IrResult = {
    model: typeof body.model === 'string' ? body.model : '',
    content,
    stopReason: typeof m.refusal === 'string' && m.refusal !== '' ? 'content_filter' : stopReasonOf(choice.finish_reason),
    usage: usageOf(body.usage) ?? { inputTokens: 0, outputTokens: 0 },
  };
  if (typeof body.id === 'string') result.id = body.id;
  return result;
}

function toolUse(call: unknown): IrToolUsePart {
  const fn = isRecord(call) && isRecord(call.function) ? call.function : undefined;
  if (!isRecord(call) || !fn || typeof call.id !== 'string' || typeof fn.name !== 'string') throw new MalformedResponseError('OpenAI tool call without id or function name');
  const input = parseObjectText(typeof fn.arguments === 'string' ? fn.arguments : '');
  if (!input) throw new MalformedResponseError(`OpenAI tool call ${call.id} (${fn.name}) has arguments that are not a JSON object`);
  return { type: 'tool_use', id: call.id, name: fn.name, input };
}
