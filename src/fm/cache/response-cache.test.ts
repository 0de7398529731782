import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/index.ts';
import type { Piece } from '../exchange/types.ts';
import type { StopReason } from '../ir/types.ts';
import { parseAnswer, replayEvents } from './answer.ts';
import { MemoryCache } from '../../cache/index.ts';
import type { Cache } from '../../cache/index.ts';
import { ResponseCache } from './response-cache.ts';

const material = { d: 'native', p: 'bedrock', r: { messages: [{ role: 'user', content: 'hi' }] } };
const done = (stopReason: StopReason, estimated = false): Piece => ({
  type: 'done',
  outcome: { usage: { inputTokens: 3, outputTokens: 4 }, stopReason, model: 'm', ...(estimated ? { estimated } : {}) },
});
const data = (text: string): Piece => ({ type: 'data', data: text, chars: text.length });

/** The lead's memory cache, with a switch to make it fail like an unreachable Redis. */
class FlakyCache implements Cache {
  failing = false;
  constructor(private readonly inner: Cache) {}
  get(key: string) {
    return this.failing ? Promise.reject(new Error('cache down')) : this.inner.get(key);
  }
  set(key: string, value: string, ttlMs: number) {
    return this.failing ? Promise.reject(new Error('cache down')) : this.inner.set(key, value, ttlMs);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  close() {
    return this.inner.close();
  }
}

function setup(options = {}) {
  const clock = new FakeClock();
  const store = new FlakyCache(new MemoryCache(clock));
  const errors: unknown[] = [];
  const cache = new ResponseCache(store, options, { clock, onError: (e) => void errors.push(e) });
  return { clock, store, cache, errors };
}

describe('ResponseCache', () => {
  it('records a completed stream and replays it with the original chunk boundaries', async () => {
    const { cache } = setup();
    const recorder = cache.recorder();
    for (const e of [data('Yes, '), data('in '), data('stock.'), done('end_turn')]) recorder.record(e);
    const key = cache.keyFor('acme', material);

    await cache.put(key, recorder.result()!);
    const hit = await cache.get(key);

    expect(replayEvents(hit!)).toEqual([data('Yes, '), data('in '), data('stock.'), done('end_turn')]);
  });

  it('keeps stop_sequence and tool_use answers but not max_tokens ones nor estimated usage', () => {
    const { cache } = setup();
    const complete = cache.recorder();
    complete.record(done('stop_sequence'));
    const toolCall = cache.recorder();
    toolCall.record(data('{"tool_calls":[…]}'));
    toolCall.record(done('tool_use'));
    const cut = cache.recorder();
    cut.record(data('Once upon a'));
    cut.record(done('max_tokens'));
    const guessed = cache.recorder();
    guessed.record(done('end_turn', true));

    expect(complete.result()?.outcome.stopReason).toBe('stop_sequence');
    expect(toolCall.result()?.outcome.stopReason).toBe('tool_use');
    expect(cut.result()).toBeUndefined();
    expect(guessed.result()).toBeUndefined();
  });

  it('expires entries after the TTL (300 s by default)', async () => {
    const { clock, cache } = setup();
    const recorder = cache.recorder();
    recorder.record(done('end_turn'));
    await cache.put('k', recorder.result()!);

    clock.tick(299_999);
    expect(await cache.get('k')).toBeDefined();
    clock.tick(1);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('reads cache failures as misses and drops failed writes, reporting both', async () => {
    const { store, cache, errors } = setup();
    const recorder = cache.recorder();
    recorder.record(done('end_turn'));
    store.failing = true;

    await expect(cache.put('k', recorder.result()!)).resolves.toBeUndefined();
    await expect(cache.get('k')).resolves.toBeUndefined();

    expect(errors).toHaveLength(2);
  });

  it('treats corrupt or foreign values as a miss', async () => {
    expect(parseAnswer('not json')).toBeUndefined();
    expect(parseAnswer(JSON.stringify({ v: 2, pieces: [] }))).toBeUndefined();
    expect(parseAnswer(JSON.stringify({ v: 1, chunks: ['a'], usage: { inputTokens: 1, outputTokens: 1 }, stopReason: 'end_turn', model: 'm' }))).toBeUndefined();
    expect(parseAnswer(JSON.stringify({ v: 2, pieces: [{ data: 'a', chars: 1 }], outcome: { usage: { inputTokens: 1, outputTokens: 1 }, stopReason: 'max_tokens', model: 'm' } }))).toBeUndefined();
  });
});
