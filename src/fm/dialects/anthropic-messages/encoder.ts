import type { IrStreamEvent, IrUsage, StopReason } from '../../ir/types.ts';
import { mergeUsage } from '../../ir/usage.ts';
import type { RenderInfo, StreamEncoder } from '../types.ts';
import { anthropicStopReason, usageWire } from './stop.ts';

const sse = (type: string, body: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;

/**
 * IR events → Anthropic Messages SSE, the sequence its SDK expects:
 * message_start (empty content, usage so far), per block
 * content_block_start / _delta (text_delta, input_json_delta) / _stop with
 * blocks numbered 0, 1… whatever the IR numbers were, then message_delta
 * (stop_reason, stop_sequence, usage — cumulative, input and cache counters
 * included since an OpenAI upstream only reports them at the end) and
 * message_stop.
 */
export function anthropicEncoder(info: RenderInfo): StreamEncoder {
  let started = false;
  let usage: IrUsage = { inputTokens: 0, outputTokens: 0 };
  let stop: { reason: StopReason; sequence?: string } | undefined;
  const blocks = new Map<number, number>();
  let open: number | undefined;

  const start = () => {
    if (started) return '';
    started = true;
    const message = { id: info.id, type: 'message', role: 'assistant', model: info.model, content: [], stop_reason: null, stop_sequence: null, usage: usageWire(usage) };
    return sse('message_start', { message });
  };
  const close = () => {
    if (open === undefined) return '';
    const index = open;
    open = undefined;
    return sse('content_block_stop', { index });
  };
  const begin = (irIndex: number, block: Record<string, unknown>) => {
    const index = blocks.size;
    blocks.set(irIndex, index);
    const out = close() + sse('content_block_start', { index, content_block: block });
    open = index;
    return out;
  };

  return {
    write(event: IrStreamEvent): string {
      switch (event.type) {
        case 'start':
          if (event.usage) usage = mergeUsage(usage, event.usage);
          return start();
        case 'text_start':
          return start() + begin(event.index, { type: 'text', text: '' });
        case 'text': {
          const pre = start() + (blocks.has(event.index) ? '' : begin(event.index, { type: 'text', text: '' }));
          return event.text === '' ? pre : pre + sse('content_block_delta', { index: blocks.get(event.index), delta: { type: 'text_delta', text: event.text } });
        }
        case 'tool_start':
          return start() + begin(event.index, { type: 'tool_use', id: event.id, name: event.name, input: {} });
        case 'tool_delta':
          return start() + sse('content_block_delta', { index: blocks.get(event.index) ?? 0, delta: { type: 'input_json_delta', partial_json: event.json } });
        case 'block_stop':
          return blocks.get(event.index) === open ? close() : '';
        case 'stop':
          stop = event.stopSequence === undefined ? { reason: event.stopReason } : { reason: event.stopReason, sequence: event.stopSequence };
          return start() + close();
        case 'usage':
          usage = mergeUsage(usage, event.usage);
          return start();
        case 'end': {
          const delta = { stop_reason: anthropicStopReason(stop?.reason ?? 'other'), stop_sequence: stop?.sequence ?? null };
          return start() + close() + sse('message_delta', { delta, usage: usageWire(usage) }) + sse('message_stop', {});
        }
      }
    },
  };
}
