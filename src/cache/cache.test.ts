import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisUrl } from '../../test/support/backends.ts';
import { FakeClock } from '../kernel/index.ts';
import { cacheContract } from './contract.ts';
import { MemoryCache, MemoryCounter } from './memory.ts';
import { createCacheBackend } from './create.ts';

cacheContract('memory', async () => {
  const clock = new FakeClock();
  return {
    cache: new MemoryCache(clock, 100),
    counter: new MemoryCounter(clock),
    advance: async (ms) => void clock.tick(ms),
    now: () => clock.now(),
    cleanup: async () => undefined,
  };
});

if (redisUrl) {
  const url = redisUrl;
  cacheContract('redis', async () => {
    const keyPrefix = `hashi-test:${randomUUID()}:`;
    const backend = await createCacheBackend({ url, keyPrefix, maxEntries: 0 }, { now: () => Date.now() });
    return {
      cache: backend.cache,
      counter: backend.counter,
      advance: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => Date.now(),
      cleanup: async () => {
        const admin = new Redis(url);
        const keys = await admin.keys(`${keyPrefix}*`);
        if (keys.length) await admin.del(...keys);
        await admin.quit();
        await backend.close();
      },
    };
  });
}

describe.skipIf(!redisUrl)('RedisCounter (runs when HASHI_TEST_REDIS_URL is set)', () => {
  it('keeps counting after the server forgets its scripts (SCRIPT FLUSH)', async () => {
    const keyPrefix = `hashi-test:${randomUUID()}:`;
    const backend = await createCacheBackend({ url: redisUrl!, keyPrefix, maxEntries: 0 }, { now: () => Date.now() });
    const admin = new Redis(redisUrl!);
    try {
      expect(await backend.counter.increment('n', 1, 60_000)).toBe(1);
      expect((await backend.counter.takeToken('b', 1, 2, 1000)).remaining).toBe(1);
      await admin.script('FLUSH');
      expect(await backend.counter.increment('n', 1, 60_000)).toBe(2);
      expect((await backend.counter.takeToken('b', 1, 2, 1000)).remaining).toBe(0);
    } finally {
      const keys = await admin.keys(`${keyPrefix}*`);
      if (keys.length) await admin.del(...keys);
      await admin.quit();
      await backend.close();
    }
  });
});
