import { randomUUID } from 'node:crypto';
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
    const backend = createCacheBackend({ url, keyPrefix, maxEntries: 0 }, { now: () => Date.now() });
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
