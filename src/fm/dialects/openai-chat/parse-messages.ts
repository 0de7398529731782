import type { IrMessage, IrPart, IrTextPart, IrToolUsePart } from '../../ir/types.ts';
import { DialectRequestError } from '../errors.ts';
import { array, parseObjectText, present, record, string } from '../shared/json.ts';
import { textContent, userContent } from './parse-content.ts';

export interface ParsedMessages {
  system: IrTextPart[];
  messages: IrMessage[];
}

/**
 * OpenAI messages → IR turns. System and developer messages become the
 * system blocks, in order (the IR, like Anthropic and Converse, has one
 * system prompt; one sent mid-conversation is hoisted). Consecutive `tool`
 * messages become one user turn of tool results, which the next user
 * message joins, as Anthropic and Converse require.
 */
export function parseMessages(value: unknown): ParsedMessages {
  const system: IrTextPart[] = [];
  const messages: IrMessage[] = [];
  // Tool calls of the last assistant message not yet answered (id → where the client wrote it).
  const pending = new Map<string, string>();
  const answered = new Set<string>();
  const settle = () => {
    for (const [id, at] of pending) throw new DialectRequestError(at, `tool call ${JSON.stringify(id)} (${at}) must be answered by a tool message right after its assistant message`);
    answered.clear();
  };
  const push = (role: IrMessage['role'], parts: IrPart[]) => {
    const last = messages.at(-1);
    if (role === 'user' && last?.role === 'user' && !last.content.some((p) => p.type !== 'tool_result')) last.content.push(...parts);
    else messages.push({ role, content: parts });
  };
  array(value, 'messages').forEach((raw, i) => {
    const path = `messages[${i}]`;
    const m = record(raw, path);
    switch (m.role) {
      case 'system':
      case 'developer':
        system.push(...textContent(m.content, `${path}.content`));
        return;
      case 'user':
        settle();
        push('user', userContent(m.content, `${path}.content`));
        return;
      case 'assistant': {
        settle();
        const parts: IrPart[] = present(m.content) ? textContent(m.content, `${path}.content`, true) : [];
        if (present(m.refusal)) parts.push({ type: 'text', text: string(m.refusal, `${path}.refusal`) });
        if (present(m.function_call)) throw new DialectRequestError(`${path}.function_call`, `${path}.function_call is deprecated and not supported: use tool_calls`);
        if (present(m.tool_calls)) {
          array(m.tool_calls, `${path}.tool_calls`).forEach((c, j) => {
            const call = toolCall(c, `${path}.tool_calls[${j}]`);
            pending.set(call.id, `${path}.tool_calls[${j}].id`);
            parts.push(call);
          });
        }
        push('assistant', parts);
        return;
      }
      case 'tool': {
        const id = string(m.tool_call_id, `${path}.tool_call_id`);
        if (!pending.delete(id)) {
          const why = answered.has(id) ? 'answers a tool call already answered' : 'answers no tool call of the preceding assistant message';
          throw new DialectRequestError(`${path}.tool_call_id`, `${path}.tool_call_id ${JSON.stringify(id)} ${why}`);
        }
        answered.add(id);
        push('user', [{ type: 'tool_result', toolUseId: id, content: textContent(m.content, `${path}.content`) }]);
        return;
      }
      case 'function':
        throw new DialectRequestError(`${path}.role`, `${path}.role 'function' is deprecated and not supported: use 'tool'`);
      default:
        throw new DialectRequestError(`${path}.role`, `${path}.role must be system, developer, user, assistant or tool`);
    }
  });
  settle();
  return { system, messages };
}

function toolCall(value: unknown, path: string): IrToolUsePart {
  const c = record(value, path);
  if (c.type !== undefined && c.type !== 'function') {
    throw new DialectRequestError(`${path}.type`, `${path}.type ${JSON.stringify(c.type)} is not supported by the gateway (function tool calls are)`);
  }
  const fn = record(c.function, `${path}.function`);
  const args = string(fn.arguments, `${path}.function.arguments`);
  const input = parseObjectText(args);
  if (!input) throw new DialectRequestError(`${path}.function.arguments`, `${path}.function.arguments must be a JSON object`);
  return { type: 'tool_use', id: string(c.id, `${path}.id`), name: string(fn.name, `${path}.function.name`), input };
}
