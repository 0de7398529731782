import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './inverted-index.ts';

function postingsOf(index: InvertedIndex, term: string): number[] {
  const id = index.termId(term);
  if (id === undefined) return [];
  const p = index.postings(id);
  return [...p.slots.subarray(0, p.length)].sort((a, b) => a - b);
}

describe('InvertedIndex', () => {
  it('counts document frequency per document and per field, and field lengths', () => {
    const index = new InvertedIndex(2);
    index.add(0, [['printer'], ['printer', 'jam', 'printer']]);
    index.add(1, [[], ['jam']]);
    const id = index.termId('printer')!;
    expect(index.df(id)).toBe(1);
    expect(index.dfInField(id, 0)).toBe(1);
    expect(index.dfInField(id, 1)).toBe(1);
    expect(index.df(index.termId('jam')!)).toBe(2);
    expect(index.fieldLength(0, 1)).toBe(3);
    expect(index.averageFieldLength(1)).toBe(2);
    const p = index.postings(id);
    expect([...p.tf.subarray(0, 2)]).toEqual([1, 2]);
  });

  it('removes a document from every posting list and from the statistics', () => {
    const index = new InvertedIndex(2);
    index.add(0, [[], ['a', 'b']]);
    index.add(1, [[], ['a', 'c']]);
    index.add(2, [[], ['a']]);
    index.remove(0);
    expect(index.docCount).toBe(2);
    expect(postingsOf(index, 'a')).toEqual([1, 2]);
    expect(postingsOf(index, 'b')).toEqual([]);
    expect(index.df(index.termId('b')!)).toBe(0);
    expect(index.averageFieldLength(1)).toBe(1.5);
  });

  it('keeps term frequencies aligned with slots after a swap-remove', () => {
    const index = new InvertedIndex(1);
    index.add(0, [['a']]);
    index.add(1, [['a', 'a']]);
    index.add(2, [['a', 'a', 'a']]);
    index.remove(0);
    const p = index.postings(index.termId('a')!);
    const pairs = [...p.slots.subarray(0, p.length)].map((slot, i) => [slot, p.tf[i]]);
    expect(pairs.sort()).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('lets a freed slot be indexed again', () => {
    const index = new InvertedIndex(1);
    index.add(0, [['old']]);
    index.remove(0);
    index.add(0, [['new']]);
    expect(postingsOf(index, 'old')).toEqual([]);
    expect(postingsOf(index, 'new')).toEqual([0]);
    expect(() => index.add(0, [['again']])).toThrow();
  });

  it('grows past its initial capacities', () => {
    const index = new InvertedIndex(2);
    for (let s = 0; s < 3000; s++) index.add(s, [[`t${s}`], ['common']]);
    expect(index.df(index.termId('common')!)).toBe(3000);
    expect(index.vocabularySize).toBe(3001);
    expect(index.fieldLength(2999, 0)).toBe(1);
  });
});
