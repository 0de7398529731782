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

  it('keeps the LRU order when the newest entry is read again or deleted', async () => {
    const cache = new MemoryCache(new FakeClock(), 2);
    await cache.set('a', '1', 1000);
    await cache.set('b', '2', 1000);
    await cache.get('b');
    await cache.get('b');
    await cache.get('a');
    await cache.set('c', '3', 1000);
    expect(await cache.get('b')).toBeUndefined();
    await cache.delete('c');
    await cache.set('d', '4', 1000);
    await cache.get('a');
    await cache.set('e', '5', 1000);
    expect(await cache.get('d')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('e')).toBe('5');
  });
});
