import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../cache/index.ts';
import type { Cache } from '../../cache/index.ts';
import type { FakeClock } from '../../kernel/index.ts';
import { ask, ctx, harness, readAll, retryable } from './testing.ts';

/** A cache whose reads take `ms` of virtual time, standing in for a Redis round trip. */
const slowCache = (ms: number) => (clock: FakeClock): Cache => {
  const inner = new MemoryCache(clock);
  return {
    get: async (key) => {
      clock.tick(ms);
      return inner.get(key);
    },
    set: (key, value, ttl) => inner.set(key, value, ttl),
    delete: (key) => inner.delete(key),
    close: () => inner.close(),
  };
};

describe('overhead accounting (x-hashi-overhead-ms = latency − provider wait)', () => {
  it('counts provider time as provider wait and the cache round trip as overhead', async () => {
    const { pipeline } = harness({ cache: slowCache(7), bedrock: [{ kind: 'ok', chunks: ['a'], latencyMs: 800 }] });

    const result = await pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    expect(result).toMatchObject({ latencyMs: 807, providerWaitMs: 800 });
  });

  it('adds every attempt to provider wait, and retry backoff to overhead', async () => {
    const { pipeline, timers } = harness({
      cache: false,
      bedrock: [{ kind: 'fail', error: retryable(), latencyMs: 300 }, { kind: 'ok', chunks: ['a'], latencyMs: 200 }],
    });

    const result = await timers.drive(pipeline.complete(ask('hi', { model: 'haiku' }), ctx));

    // backoff with random()=0.5: 500 + 0.5 × 500 = 750 ms
    expect(result).toMatchObject({ attempts: 2, providerWaitMs: 500, latencyMs: 1_250 });
  });

  it('reports the same accounting on the final stream event', async () => {
    const { pipeline } = harness({ cache: slowCache(3), bedrock: [{ kind: 'ok', chunks: ['a', 'b'], latencyMs: 120 }] });

    const { done } = await readAll(await pipeline.stream(ask('hi', { model: 'haiku' }), ctx));

    expect(done).toMatchObject({ latencyMs: 123, providerWaitMs: 120 });
  });

  it('a cache hit waits on no provider', async () => {
    const { pipeline } = harness({ cache: slowCache(2), bedrock: [{ kind: 'ok', chunks: ['a'], latencyMs: 500 }] });
    await pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    const hit = await pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    expect(hit).toMatchObject({ cached: true, providerWaitMs: 0, latencyMs: 2 });
  });
});
