import type { IrStreamEvent } from '../../ir/types.ts';
import type { StreamDecoder, WireFrame } from '../types.ts';
import { MalformedResponseError, UpstreamStreamError } from '../errors.ts';
import { isRecord, type Json } from '../shared/json.ts';
import { stopReasonOf, usageOf } from './stop.ts';

/**
 * Anthropic Messages SSE frames → IR events. Blocks keep Anthropic's index.
 * Thinking and server-tool blocks (only there when the client asked, which a
 * translated request cannot) are not IR content and are skipped; `ping` and
 * event types added later are ignored, as the API asks of clients;
 * `event: error` is the in-stream error.
 */
export function anthropicDecoder(): StreamDecoder {
  const tracked = new Set<number>();
  return {
    read(frame: WireFrame): IrStreamEvent[] {
      const e = parse(frame.data);
      switch (e.type) {
        case 'message_start': {
          const m = isRecord(e.message) ? e.message : {};
          const usage = usageOf(m.usage);
          return [{ type: 'start', ...(typeof m.id === 'string' ? { id: m.id } : {}), ...(typeof m.model === 'string' ? { model: m.model } : {}), ...(usage ? { usage } : {}) }];
        }
        case 'content_block_start': {
          const index = indexOf(e);
          const b = isRecord(e.content_block) ? e.content_block : {};
          if (b.type === 'text') {
            tracked.add(index);
            return typeof b.text === 'string' && b.text !== '' ? [{ type: 'text_start', index }, { type: 'text', index, text: b.text }] : [{ type: 'text_start', index }];
          }
          if (b.type === 'tool_use') {
            if (typeof b.id !== 'string' || typeof b.name !== 'string') throw new MalformedResponseError('Anthropic tool_use block without id or name');
            tracked.add(index);
            const input = isRecord(b.input) && Object.keys(b.input).length > 0 ? [{ type: 'tool_delta' as const, index, json: JSON.stringify(b.input) }] : [];
            return [{ type: 'tool_start', index, id: b.id, name: b.name }, ...input];
          }
          return [];
        }
        case 'content_block_delta': {
          const index = indexOf(e);
          const d = isRecord(e.delta) ? e.delta : {};
          if (!tracked.has(index)) return [];
          if (d.type === 'text_delta' && typeof d.text === 'string') return [{ type: 'text', index, text: d.text }];
          if (d.type === 'input_json_delta' && typeof d.partial_json === 'string') return [{ type: 'tool_delta', index, json: d.partial_json }];
          return [];
        }
        case 'content_block_stop': {
          const index = indexOf(e);
          return tracked.has(index) ? [{ type: 'block_stop', index }] : [];
        }
        case 'message_delta': {
          const d = isRecord(e.delta) ? e.delta : {};
          const out: IrStreamEvent[] = [];
          if (d.stop_reason !== undefined && d.stop_reason !== null) {
            out.push({ type: 'stop', stopReason: stopReasonOf(d.stop_reason), ...(typeof d.stop_sequence === 'string' ? { stopSequence: d.stop_sequence } : {}) });
          }
          const usage = usageOf(e.usage);
          if (usage) out.push({ type: 'usage', usage });
          return out;
        }
        case 'message_stop':
          return [{ type: 'end' }];
        case 'error': {
          const err = isRecord(e.error) ? e.error : {};
          throw new UpstreamStreamError(typeof err.type === 'string' ? err.type : undefined, typeof err.message === 'string' ? err.message : 'the provider reported an error in the stream');
        }
        default:
          return [];
      }
    },
  };
}

function indexOf(e: Json): number {
  if (typeof e.index !== 'number') throw new MalformedResponseError(`Anthropic ${String(e.type)} event without an index`);
  return e.index;
}

function parse(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MalformedResponseError('Anthropic stream frame is not JSON', err);
  }
  if (!isRecord(value)) throw new MalformedResponseError('Anthropic stream frame is not a JSON object');
  return value;
}
