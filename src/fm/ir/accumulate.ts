import { MalformedResponseError } from '../dialects/errors.ts';
import type { IrResult, IrStreamEvent, IrTextPart, IrToolUsePart, IrUsage, StopReason } from './types.ts';
import { mergeUsage } from './usage.ts';

type Block = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; json: string; input?: Record<string, unknown> };

/**
 * IR stream events → the IrResult they spell (for the cache, usage and
 * non-streaming clients of a streaming provider). Text deltas are joined;
 * a tool call's argument fragments are joined and parsed once, when its
 * block stops (a stream that ends with the block still open parses it at
 * the end). `ended` says whether the stream completed (`end` seen).
 */
export class ResultAccumulator {
  private readonly blocks = new Map<number, Block>();
  private id: string | undefined;
  private model: string | undefined;
  private stopReason: StopReason | undefined;
  private stopSequence: string | undefined;
  private usage: IrUsage = { inputTokens: 0, outputTokens: 0 };
  ended = false;

  add(event: IrStreamEvent): void {
    switch (event.type) {
      case 'start':
        if (event.id !== undefined) this.id = event.id;
        if (event.model !== undefined) this.model = event.model;
        if (event.usage) this.usage = mergeUsage(this.usage, event.usage);
        return;
      case 'text_start':
        this.blocks.set(event.index, { kind: 'text', text: '' });
        return;
      case 'text': {
        const b = this.blocks.get(event.index);
        if (b?.kind === 'text') b.text += event.text;
        else this.blocks.set(event.index, { kind: 'text', text: event.text });
        return;
      }
      case 'tool_start':
        this.blocks.set(event.index, { kind: 'tool', id: event.id, name: event.name, json: '' });
        return;
      case 'tool_delta': {
        const b = this.blocks.get(event.index);
        if (b?.kind !== 'tool') throw new MalformedResponseError(`stream: arguments for block ${event.index}, which is not an open tool call`);
        b.json += event.json;
        return;
      }
      case 'block_stop': {
        const b = this.blocks.get(event.index);
        if (b?.kind === 'tool') b.input ??= parseArguments(b);
        return;
      }
      case 'stop':
        this.stopReason = event.stopReason;
        this.stopSequence = event.stopSequence;
        return;
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return;
      case 'end':
        this.ended = true;
        return;
    }
  }

  /** The answer so far. `fallbackModel` stands in when the stream named none. */
  result(fallbackModel = ''): IrResult {
    const content: (IrTextPart | IrToolUsePart)[] = [];
    for (const [, b] of [...this.blocks].sort((x, y) => x[0] - y[0])) {
      if (b.kind === 'text') {
        if (b.text !== '') content.push({ type: 'text', text: b.text });
      } else {
        content.push({ type: 'tool_use', id: b.id, name: b.name, input: (b.input ??= parseArguments(b)) });
      }
    }
    const result: IrResult = { model: this.model ?? fallbackModel, content, stopReason: this.stopReason ?? 'other', usage: { ...this.usage } };
    if (this.id !== undefined) result.id = this.id;
    if (this.stopSequence !== undefined) result.stopSequence = this.stopSequence;
    return result;
  }
}

export function accumulate(events: Iterable<IrStreamEvent>, fallbackModel = ''): IrResult {
  const acc = new ResultAccumulator();
  for (const e of events) acc.add(e);
  return acc.result(fallbackModel);
}

function parseArguments(b: Extract<Block, { kind: 'tool' }>): Record<string, unknown> {
  if (b.json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(b.json);
  } catch (err) {
    throw new MalformedResponseError(`stream: the arguments of tool call ${b.id} (${b.name}) are not valid JSON`, err);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedResponseError(`stream: the arguments of tool call ${b.id} (${b.name}) are not a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * An IrResult as a well-formed event sequence (a cached answer or a
 * non-streaming provider replayed as a stream): start with the input usage,
 * each part one block (text whole, tool arguments as one fragment), the
 * stop, the final usage, end.
 */
export function eventsOfResult(result: IrResult): IrStreamEvent[] {
  const { outputTokens: _out, ...input } = result.usage;
  const events: IrStreamEvent[] = [{ type: 'start', model: result.model, usage: { ...input, outputTokens: 0 }, ...(result.id !== undefined ? { id: result.id } : {}) }];
  result.content.forEach((part, index) => {
    if (part.type === 'text') {
      events.push({ type: 'text_start', index }, { type: 'text', index, text: part.text });
    } else {
      events.push({ type: 'tool_start', index, id: part.id, name: part.name }, { type: 'tool_delta', index, json: JSON.stringify(part.input) });
    }
    events.push({ type: 'block_stop', index });
  });
  events.push({ type: 'stop', stopReason: result.stopReason, ...(result.stopSequence !== undefined ? { stopSequence: result.stopSequence } : {}) });
  events.push({ type: 'usage', usage: { ...result.usage } }, { type: 'end' });
  return events;
}
