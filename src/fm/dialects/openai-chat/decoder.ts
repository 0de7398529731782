import type { IrStreamEvent } from '../../ir/types.ts';
import type { StreamDecoder, WireFrame } from '../types.ts';
import { MalformedResponseError, UpstreamStreamError } from '../errors.ts';
import { isRecord, type Json } from '../shared/json.ts';
import { stopReasonOf, usageOf } from './finish.ts';

/**
 * OpenAI SSE frames → IR events. Content and each tool call become IR
 * blocks in the order they appear (a block closes when the next one opens
 * or at the finish reason); the usage chunk (`choices: []`) gives usage;
 * `data: [DONE]` after a finish reason is `end`. An `{"error":…}` frame is
 * the server's in-stream error.
 */
export function openAIChatDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let ended = false;
  let next = 0;
  let open: { kind: 'text' | 'tool'; index: number; tool?: number; id?: string } | undefined;
  const closedTools = new Set<string>();

  const close = (out: IrStreamEvent[]) => {
    if (open?.kind === 'tool') closedTools.add(`${open.tool}:${open.id}`);
    if (open) out.push({ type: 'block_stop', index: open.index });
    open = undefined;
  };
  const text = (out: IrStreamEvent[], value: string) => {
    if (value === '') return;
    if (open?.kind !== 'text') {
      close(out);
      open = { kind: 'text', index: next++ };
      out.push({ type: 'text_start', index: open.index });
    }
    out.push({ type: 'text', index: open.index, text: value });
  };
  /**
   * A tool call continues while its index (and id, when the chunk repeats
   * one) stays the same; a new index or a new id opens the next call — some
   * compatible servers number every call 0 or send no index at all.
   */
  const tool = (out: IrStreamEvent[], call: Json) => {
    const ti = typeof call.index === 'number' ? call.index : 0;
    const fn = isRecord(call.function) ? call.function : {};
    const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
    const same = open?.kind === 'tool' && open.tool === ti && (id === undefined || id === open.id);
    if (!same) {
      if (id === undefined || typeof fn.name !== 'string') {
        const again = [...closedTools].some((k) => k.startsWith(`${ti}:`));
        throw new MalformedResponseError(again ? `OpenAI stream interleaves fragments of tool call ${ti} with another block` : `OpenAI stream: tool call ${ti} starts without id and name`);
      }
      if (closedTools.has(`${ti}:${id}`)) throw new MalformedResponseError(`OpenAI stream interleaves fragments of tool call ${ti} with another block`);
      close(out);
      open = { kind: 'tool', index: next++, tool: ti, id };
      out.push({ type: 'tool_start', index: open.index, id, name: fn.name });
    }
    if (typeof fn.arguments === 'string' && fn.arguments !== '') out.push({ type: 'tool_delta', index: open!.index, json: fn.arguments });
  };

  return {
    read(frame: WireFrame): IrStreamEvent[] {
      if (ended) return [];
      if (frame.data.trim() === '[DONE]') {
        if (!finished) throw new MalformedResponseError('OpenAI stream ended ([DONE]) without a finish_reason');
        ended = true;
        return [{ type: 'end' }];
      }
      const chunk = parse(frame.data);
      const out: IrStreamEvent[] = [];
      if (!started) {
        started = true;
        out.push({ type: 'start', ...(typeof chunk.id === 'string' ? { id: chunk.id } : {}), ...(typeof chunk.model === 'string' ? { model: chunk.model } : {}) });
      }
      const choice = Array.isArray(chunk.choices) ? chunk.choices.find((c) => isRecord(c) && (c.index ?? 0) === 0) : undefined;
      if (isRecord(choice)) {
        const delta = isRecord(choice.delta) ? choice.delta : {};
        if (typeof delta.content === 'string') text(out, delta.content);
        if (typeof delta.refusal === 'string') text(out, delta.refusal);
        if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) if (isRecord(call)) tool(out, call);
        if (typeof choice.finish_reason === 'string') {
          close(out);
          finished = true;
          out.push({ type: 'stop', stopReason: stopReasonOf(choice.finish_reason) });
        }
      }
      const usage = usageOf(chunk.usage);
      if (usage) out.push({ type: 'usage', usage });
      return out;
    },
  };
}

function parse(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MalformedResponseError('OpenAI stream frame is not JSON', err);
  }
  if (!isRecord(value)) throw new MalformedResponseError('OpenAI stream frame is not a JSON object');
  if (value.error !== undefined && value.error !== null) {
    const e = isRecord(value.error) ? value.error : {};
    const type = typeof e.type === 'string' ? e.type : typeof e.code === 'string' ? e.code : undefined;
    throw new UpstreamStreamError(type, typeof e.message === 'string' ? e.message : 'the provider reported an error in the stream');
  }
  return value;
}
