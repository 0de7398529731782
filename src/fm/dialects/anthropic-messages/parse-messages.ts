import type { IrMessage } from '../../ir/types.ts';
import { DialectRequestError } from '../errors.ts';
import { array, record } from '../shared/json.ts';
import { contentBlock } from './parse-content.ts';

/**
 * Anthropic messages → IR turns, with Anthropic's own tool rules: every
 * tool_result answers a tool_use of the assistant turn just before it, and
 * every tool_use is answered in the user turn that follows it.
 */
export function parseMessages(value: unknown): IrMessage[] {
  let pending = new Map<string, string>();
  return array(value, 'messages').map((raw, i) => {
    const path = `messages[${i}]`;
    const m = record(raw, path);
    if (m.role !== 'user' && m.role !== 'assistant') throw new DialectRequestError(`${path}.role`, `${path}.role must be user or assistant`);
    const content = typeof m.content === 'string' ? [{ type: 'text' as const, text: m.content }] : array(m.content, `${path}.content`).map((b, j) => contentBlock(b, `${path}.content[${j}]`));
    const asked = pending;
    pending = new Map();
    content.forEach((part, j) => {
      const at = `${path}.content[${j}]`;
      if (part.type === 'tool_result') {
        if (m.role !== 'user') throw new DialectRequestError(`${at}.type`, `${at}: tool_result blocks belong in user messages`);
        if (!asked.delete(part.toolUseId)) throw new DialectRequestError(`${at}.tool_use_id`, `${at}.tool_use_id ${JSON.stringify(part.toolUseId)} answers no tool_use of the preceding assistant message`);
      } else if (part.type === 'tool_use') {
        if (m.role !== 'assistant') throw new DialectRequestError(`${at}.type`, `${at}: tool_use blocks belong in assistant messages`);
        pending.set(part.id, `${at}.id`);
      }
    });
    for (const [id, at] of asked) throw new DialectRequestError(at, `tool_use ${JSON.stringify(id)} (${at}) has no tool_result block in the next user message`);
    return { role: m.role, content };
  });
}
