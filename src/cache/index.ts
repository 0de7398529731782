export type { Cache, Counter, TokenBucketResult } from './types.ts';
export { MemoryCache, MemoryCounter } from './memory.ts';
export { createCacheBackend, type CacheBackend, type CacheSettings } from './create.ts';
