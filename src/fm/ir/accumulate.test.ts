import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../dialects/errors.ts';
import { accumulate, eventsOfResult, ResultAccumulator } from './accumulate.ts';
import type { IrResult } from './types.ts';
import { mergeUsage, promptTokens, totalTokens } from './usage.ts';

const result: IrResult = {
  id: 'msg_1',
  model: 'm',
  content: [
    { type: 'text', text: 'a' },
    { type: 'tool_use', id: 't', name: 'f', input: { q: [1, 'x'] } },
    { type: 'text', text: 'b' },
  ],
  stopReason: 'stop_sequence',
  stopSequence: '##',
  usage: { inputTokens: 5, outputTokens: 6, cacheReadTokens: 7, cacheWriteTokens: 8 },
};

describe('accumulate / eventsOfResult', () => {
  it('replays a result as a well-formed stream that accumulates back to it', () => {
    const events = eventsOfResult(result);
    expect(events[0]).toEqual({ type: 'start', id: 'msg_1', model: 'm', usage: { inputTokens: 5, outputTokens: 0, cacheReadTokens: 7, cacheWriteTokens: 8 } });
    expect(events.at(-1)).toEqual({ type: 'end' });
    expect(events.filter((e) => e.type === 'block_stop')).toHaveLength(3);
    expect(accumulate(events)).toEqual(result);
  });

  it('joins argument fragments and parses them once at block_stop; content follows block order', () => {
    const acc = new ResultAccumulator();
    acc.add({ type: 'tool_start', index: 1, id: 't', name: 'f' });
    acc.add({ type: 'tool_delta', index: 1, json: '{"a"' });
    acc.add({ type: 'text_start', index: 0 });
    acc.add({ type: 'text', index: 0, text: 'hi' });
    acc.add({ type: 'tool_delta', index: 1, json: ':2}' });
    acc.add({ type: 'block_stop', index: 1 });
    acc.add({ type: 'usage', usage: { inputTokens: 1 } });
    acc.add({ type: 'usage', usage: { outputTokens: 3 } });
    expect(acc.ended).toBe(false);
    expect(acc.result('fallback')).toEqual({
      model: 'fallback',
      content: [{ type: 'text', text: 'hi' }, { type: 'tool_use', id: 't', name: 'f', input: { a: 2 } }],
      stopReason: 'other',
      usage: { inputTokens: 1, outputTokens: 3 },
    });
  });

  it('fails loudly on arguments that are not a JSON object, or fragments for no tool block', () => {
    const bad = new ResultAccumulator();
    bad.add({ type: 'tool_start', index: 0, id: 't', name: 'f' });
    bad.add({ type: 'tool_delta', index: 0, json: '{"a":' });
    expect(() => bad.add({ type: 'block_stop', index: 0 })).toThrow(MalformedResponseError);
    expect(() => accumulate([{ type: 'tool_delta', index: 3, json: '{}' }])).toThrow(MalformedResponseError);
  });

  it('usage helpers: cumulative merge, prompt and total tokens count cache reads and writes', () => {
    const u = mergeUsage({ inputTokens: 1, outputTokens: 1 }, { outputTokens: 9, cacheReadTokens: 2 });
    expect(u).toEqual({ inputTokens: 1, outputTokens: 9, cacheReadTokens: 2 });
    expect(promptTokens({ ...u, cacheWriteTokens: 4 })).toBe(7);
    expect(totalTokens({ ...u, cacheWriteTokens: 4 })).toBe(16);
  });
});
