import { describe, expect, it } from 'vitest';
import { VectorStore } from './vector-store.ts';

const byId = (a: number, b: number): boolean => a < b;

describe('VectorStore', () => {
  it('ranks by cosine, normalising stored and query vectors', () => {
    const store = new VectorStore(2);
    store.set(0, [10, 0]);
    store.set(1, [1, 1]);
    store.set(2, [0, 3]);
    const hits = store.search([2, 1], 3, byId);
    expect(hits.map((h) => h.slot)).toEqual([1, 0, 2]);
    expect(hits[0]!.score).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(hits[1]!.score).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(hits[2]!.score).toBeCloseTo(1 / Math.sqrt(5), 6);
  });

  it('searches only allowed, present slots', () => {
    const store = new VectorStore(3);
    for (let s = 0; s < 5; s++) store.set(s, [1, s, 0]);
    store.delete(4);
    const allowed = Uint8Array.from([1, 0, 1, 0, 1]);
    expect(store.search([0, 1, 0], 5, byId, allowed).map((h) => h.slot)).toEqual([2, 0]);
    expect(store.has(4)).toBe(false);
  });

  it('matches nothing for an all-zero query, never returns an all-zero document, and rejects the wrong dimension', () => {
    const store = new VectorStore(2);
    store.set(0, [1, 0]);
    store.set(1, [0, 0]);
    expect(store.search([0, 0], 5, byId)).toEqual([]);
    expect(store.search([1, 1], 5, byId).map((h) => h.slot)).toEqual([0]);
    expect(() => store.set(1, [1, 2, 3])).toThrow(RangeError);
  });

  it('handles dimensions that are not a multiple of the unrolled loop', () => {
    const store = new VectorStore(7);
    store.set(0, [1, 2, 3, 4, 5, 6, 7]);
    expect(store.search([1, 2, 3, 4, 5, 6, 7], 1, byId)[0]!.score).toBeCloseTo(1, 6);
  });
});
