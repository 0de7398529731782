import { describe, expect, it } from 'vitest';
import { FakeClock } from '../kernel/index.ts';
import { MemoryCache } from './memory.ts';

describe('MemoryCache', () => {
  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = new MemoryCache(new FakeClock(), 2);
    await cache.set('a', '1', 1000);
    await cache.set('b', '2', 1000);
    await cache.get('a');
    await cache.set('c', '3', 1000);
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBe('3');
  });
});
