import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache, Counter } from './types.ts';

export interface CacheUnderTest {
  cache: Cache;
  counter: Counter;
  /** Moves time forward: a fake clock for memory, a short real wait for Redis (its TTLs are server-side). */
  advance(ms: number): Promise<void>;
  now(): number;
  cleanup(): Promise<void>;
}

/** The cache and counter contract every adapter must pass. */
export function cacheContract(name: string, make: () => Promise<CacheUnderTest>): void {
  describe(`cache contract [${name}]`, () => {
    let t: CacheUnderTest;
    beforeEach(async () => {
      t = await make();
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('stores and returns values, and deletes them', async () => {
      await t.cache.set('a', 'one', 10_000);
      expect(await t.cache.get('a')).toBe('one');
      expect(await t.cache.get('missing')).toBeUndefined();
      await t.cache.delete('a');
      expect(await t.cache.get('a')).toBeUndefined();
    });

    it('expires values after their TTL', async () => {
      await t.cache.set('short', 'v', 40);
      await t.cache.set('long', 'v', 60_000);
      await t.advance(80);
      expect(await t.cache.get('short')).toBeUndefined();
      expect(await t.cache.get('long')).toBe('v');
    });

    it('token bucket allows the burst, then refuses with a retry-after, then refills', async () => {
      const now = t.now();
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await t.counter.takeToken('bucket', 2, 3, now));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
      expect(results[2]!.remaining).toBe(0);
      expect(results[3]!.retryAfterMs).toBe(500);
      const later = await t.counter.takeToken('bucket', 2, 3, now + 500);
      expect(later.allowed).toBe(true);
      const refilled = await t.counter.takeToken('bucket', 2, 3, now + 10_000);
      expect(refilled.remaining).toBe(2);
    });

    it('keeps buckets of different keys apart', async () => {
      const now = t.now();
      expect((await t.counter.takeToken('k1', 1, 1, now)).allowed).toBe(true);
      expect((await t.counter.takeToken('k1', 1, 1, now)).allowed).toBe(false);
      expect((await t.counter.takeToken('k2', 1, 1, now)).allowed).toBe(true);
    });

    it('takes tokens atomically under concurrency', async () => {
      const now = t.now();
      const results = await Promise.all(Array.from({ length: 50 }, () => t.counter.takeToken('race', 1, 10, now)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    });

    it('increments counters atomically and expires them', async () => {
      const values = await Promise.all(Array.from({ length: 20 }, () => t.counter.increment('quota', 1, 60)));
      expect(Math.max(...values)).toBe(20);
      expect(new Set(values).size).toBe(20);
      await t.advance(120);
      expect(await t.counter.increment('quota', 1, 60)).toBe(1);
    });
  });
}
