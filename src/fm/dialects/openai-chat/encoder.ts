import type { IrStreamEvent, IrUsage } from '../../ir/types.ts';
import { mergeUsage } from '../../ir/usage.ts';
import type { RenderInfo, StreamEncoder } from '../types.ts';
import { finishReason, usageWire } from './finish.ts';

const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/**
 * IR events → `chat.completion.chunk` SSE, as OpenAI streams them: a role
 * chunk first; content deltas; a tool call's index, id and name on its first
 * delta and argument fragments after (tool calls numbered 0, 1… apart from
 * the IR's block numbers); the finish chunk; then, when the client asked
 * (`include_usage`), a chunk with `choices: []` and the usage — every
 * earlier chunk carries `usage: null` — and `data: [DONE]`.
 */
export function openAIChatEncoder(info: RenderInfo): StreamEncoder {
  let started = false;
  let usage: IrUsage = { inputTokens: 0, outputTokens: 0 };
  const toolIndex = new Map<number, number>();
  const base = (choices: unknown[]) => ({
    id: info.id,
    object: 'chat.completion.chunk',
    created: info.created,
    model: info.model,
    system_fingerprint: null,
    choices,
    ...(info.includeUsage ? { usage: null } : {}),
  });
  const chunk = (delta: unknown, finish: string | null = null) => data(base([{ index: 0, delta, logprobs: null, finish_reason: finish }]));
  const role = () => {
    if (started) return '';
    started = true;
    return chunk({ role: 'assistant', content: '' });
  };
  return {
    write(event: IrStreamEvent): string {
      switch (event.type) {
        case 'start':
          if (event.usage) usage = mergeUsage(usage, event.usage);
          return role();
        case 'text':
          return event.text === '' ? role() : role() + chunk({ content: event.text });
        case 'tool_start': {
          const index = toolIndex.size;
          toolIndex.set(event.index, index);
          return role() + chunk({ tool_calls: [{ index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }] });
        }
        case 'tool_delta':
          return event.json === '' ? role() : role() + chunk({ tool_calls: [{ index: toolIndex.get(event.index) ?? 0, function: { arguments: event.json } }] });
        case 'stop':
          return role() + chunk({}, finishReason(event.stopReason));
        case 'usage':
          usage = mergeUsage(usage, event.usage);
          return role();
        case 'end':
          return (
            role() +
            (info.includeUsage ? data({ ...base([]), usage: usageWire(usage) }) : '') +
            'data: [DONE]\n\n'
          );
        default:
          return role();
      }
    },
  };
}
