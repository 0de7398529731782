import type { Clock } from '../kernel/index.ts';
import { MemoryCache, MemoryCounter } from './memory.ts';
import type { Cache, Counter } from './types.ts';

export interface CacheSettings {
  url: string;
  keyPrefix: string;
  maxEntries: number;
}

export interface CacheBackend {
  cache: Cache;
  counter: Counter;
  description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Memory when no URL is configured; Redis (shared by replicas) otherwise — only then is ioredis loaded. */
export async function createCacheBackend(settings: CacheSettings, clock: Clock): Promise<CacheBackend> {
  if (!settings.url) {
    const cache = new MemoryCache(clock, settings.maxEntries);
    const counter = new MemoryCounter(clock);
    return {
      cache,
      counter,
      description: 'memory',
      ping: async () => undefined,
      close: async () => {
        await cache.close();
        await counter.close();
      },
    };
  }
  const { RedisCache, RedisCounter, connectRedis } = await import('./redis.ts');
  const redis = connectRedis(settings.url);
  const cache = new RedisCache(redis, settings.keyPrefix);
  const counter = new RedisCounter(redis, settings.keyPrefix);
  return {
    cache,
    counter,
    description: `redis (${settings.url.replace(/\/\/[^@]*@/, '//')})`,
    ping: async () => {
      await redis.ping();
    },
    close: async () => {
      if (redis.status !== 'end') await redis.quit().catch(() => undefined);
    },
  };
}
