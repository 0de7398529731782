import type { IrStreamEvent } from '../../ir/types.ts';
import type { StreamDecoder, WireFrame } from '../types.ts';
import { MalformedResponseError, UpstreamStreamError } from '../errors.ts';
import { isRecord, type Json } from '../shared/json.ts';
import { stopReasonOf, usageOf } from './result.ts';

/**
 * ConverseStream frames (see frame.ts) → IR events. A text block has no
 * contentBlockStart in Converse: its first delta opens it. Tool input
 * arrives as string fragments. messageStop carries the stop reason;
 * `metadata` (usage, metrics) comes last, so it is the `end`. Exception
 * frames become UpstreamStreamError with the exception's member name.
 */
export function converseDecoder(): StreamDecoder {
  const open = new Map<number, 'text' | 'tool'>();
  let started = false;
  return {
    read(frame: WireFrame): IrStreamEvent[] {
      const event = frame.event ?? '';
      if (/Exception$/.test(event)) {
        const body = tryParse(frame.data);
        throw new UpstreamStreamError(event, typeof body?.message === 'string' ? body.message : `Bedrock stream ${event}`);
      }
      const e = parse(frame.data);
      const out: IrStreamEvent[] = [];
      if (!started && event !== 'metadata') {
        started = true;
        out.push({ type: 'start' });
      }
      switch (event) {
        case 'contentBlockStart': {
          const index = indexOf(e);
          const tool = isRecord(e.start) && isRecord(e.start.toolUse) ? e.start.toolUse : undefined;
          if (tool) {
            if (typeof tool.toolUseId !== 'string' || typeof tool.name !== 'string') throw new MalformedResponseError('Converse toolUse start without toolUseId or name');
            open.set(index, 'tool');
            out.push({ type: 'tool_start', index, id: tool.toolUseId, name: tool.name });
          }
          return out;
        }
        case 'contentBlockDelta': {
          const index = indexOf(e);
          const d = isRecord(e.delta) ? e.delta : {};
          if (typeof d.text === 'string') {
            if (!open.has(index)) {
              open.set(index, 'text');
              out.push({ type: 'text_start', index });
            }
            if (d.text !== '') out.push({ type: 'text', index, text: d.text });
          } else if (isRecord(d.toolUse) && typeof d.toolUse.input === 'string' && open.get(index) === 'tool') {
            if (d.toolUse.input !== '') out.push({ type: 'tool_delta', index, json: d.toolUse.input });
          }
          return out;
        }
        case 'contentBlockStop': {
          const index = indexOf(e);
          if (open.has(index)) out.push({ type: 'block_stop', index });
          return out;
        }
        case 'messageStop':
          out.push({ type: 'stop', stopReason: stopReasonOf(e.stopReason) });
          return out;
        case 'metadata': {
          const usage = usageOf(e.usage);
          if (usage) out.push({ type: 'usage', usage });
          out.push({ type: 'end' });
          return out;
        }
        default:
          return out;
      }
    },
  };
}

function indexOf(e: Json): number {
  if (typeof e.contentBlockIndex !== 'number') throw new MalformedResponseError('Converse content block event without contentBlockIndex');
  return e.contentBlockIndex;
}

function tryParse(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function parse(text: string): Json {
  const v = tryParse(text);
  if (!v) throw new MalformedResponseError('Converse stream payload is not a JSON object');
  return v;
}
