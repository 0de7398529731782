import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.ts';

const byId = (a: number, b: number): boolean => a < b;

describe('TopK', () => {
  it('keeps the k best scores, best first', () => {
    const heap = new TopK(3, byId);
    [5, 1, 9, 3, 7, 2].forEach((score, slot) => heap.push(slot, score));
    expect(heap.sorted()).toEqual([
      { slot: 2, score: 9 },
      { slot: 4, score: 7 },
      { slot: 0, score: 5 },
    ]);
  });

  it('breaks ties by the given order whatever the insertion order', () => {
    const a = new TopK(2, byId);
    const b = new TopK(2, byId);
    [3, 1, 2].forEach((slot) => a.push(slot, 1));
    [2, 3, 1].forEach((slot) => b.push(slot, 1));
    expect(a.sorted().map((s) => s.slot)).toEqual([1, 2]);
    expect(b.sorted().map((s) => s.slot)).toEqual([1, 2]);
  });

  it('returns fewer than k when fewer were pushed, and nothing for k = 0', () => {
    const heap = new TopK(10, byId);
    heap.push(4, 0.5);
    expect(heap.sorted()).toEqual([{ slot: 4, score: 0.5 }]);
    const none = new TopK(0, byId);
    none.push(1, 1);
    expect(none.sorted()).toEqual([]);
  });

  it('agrees with a full sort on random input', () => {
    const heap = new TopK(25, byId);
    const all: { slot: number; score: number }[] = [];
    let x = 12345;
    for (let slot = 0; slot < 1000; slot++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const score = (x % 100) / 10; // many ties
      heap.push(slot, score);
      all.push({ slot, score });
    }
    all.sort((p, q) => q.score - p.score || p.slot - q.slot);
    expect(heap.sorted()).toEqual(all.slice(0, 25));
  });
});
