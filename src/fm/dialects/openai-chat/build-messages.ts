import type { IrImagePart, IrMessage, IrTextPart, IrToolResultPart } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import type { Json } from '../shared/json.ts';

/** IR turns → OpenAI messages: tool results become `tool` messages (before the turn's other user content), tool_use becomes `tool_calls`. */
export function buildMessages(messages: IrMessage[], target: TargetInfo): Json[] {
  const out: Json[] = [];
  messages.forEach((m, i) => (m.role === 'assistant' ? out.push(assistant(m, i, target)) : out.push(...user(m, i, target))));
  return out;
}

function assistant(m: IrMessage, i: number, target: TargetInfo): Json {
  const text: string[] = [];
  const calls: Json[] = [];
  for (const p of m.content) {
    if (p.type === 'text') text.push(p.text);
    else if (p.type === 'tool_use') calls.push({ id: p.id, type: 'function', function: { name: p.name, arguments: JSON.stringify(p.input) } });
    else throw new UnsupportedFieldError(`messages[${i}].content (${p.type} in an assistant turn)`, target, 'OpenAI assistant messages carry text and tool calls only');
  }
  const msg: Json = { role: 'assistant', content: text.length > 0 ? text.join('') : null };
  if (calls.length > 0) msg.tool_calls = calls;
  return msg;
}

function user(m: IrMessage, i: number, target: TargetInfo): Json[] {
  const out: Json[] = [];
  const parts: (IrTextPart | IrImagePart)[] = [];
  for (const p of m.content) {
    if (p.type === 'tool_result') out.push(toolMessage(p, i, target));
    else if (p.type === 'tool_use') throw new UnsupportedFieldError(`messages[${i}].content (tool_use in a user turn)`, target);
    else parts.push(p);
  }
  if (parts.length > 0) out.push({ role: 'user', content: userContent(parts) });
  return out;
}

function userContent(parts: (IrTextPart | IrImagePart)[]): string | Json[] {
  if (parts.every((p) => p.type === 'text')) return parts.map((p) => p.text).join('');
  return parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: imageUrl(p) } }));
}

function imageUrl(p: IrImagePart): string {
  return p.source.kind === 'url' ? p.source.url : `data:${p.source.mediaType};base64,${p.source.data}`;
}

/**
 * A `tool` message holds text only. OpenAI has no error flag on tool
 * results, so an Anthropic `is_error` result is said in words: the text is
 * prefixed "Error: " rather than the flag being dropped.
 */
function toolMessage(p: IrToolResultPart, i: number, target: TargetInfo): Json {
  const text = p.content.map((c) => {
    if (c.type === 'text') return c.text;
    throw new UnsupportedFieldError(`messages[${i}].content (image in a tool_result)`, target, 'OpenAI tool messages carry text only');
  });
  const body = text.join('');
  return { role: 'tool', tool_call_id: p.toolUseId, content: p.isError ? `Error: ${body}` : body };
}
