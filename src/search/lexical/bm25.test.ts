import { describe, expect, it } from 'vitest';
import { Accumulator } from '../rank/accumulator.ts';
import { bm25Idf, scoreBm25, type Bm25Params } from './bm25.ts';
import { InvertedIndex } from './inverted-index.ts';

const TEXTBOOK: Bm25Params = { k1: 1.2, b: 0.75, fieldWeights: [1, 1], fieldMode: 'bm25f' };
const byId = (a: number, b: number): boolean => a < b;

/** Field 0 is the title, field 1 the body; terms are given already analysed. */
function build(docs: [string[], string[]][]): InvertedIndex {
  const index = new InvertedIndex(2);
  docs.forEach((fields, slot) => index.add(slot, fields));
  return index;
}

function scores(index: InvertedIndex, query: Record<string, number>, params: Bm25Params, allowed?: Uint8Array): Map<number, number> {
  const acc = new Accumulator();
  acc.reset(16);
  scoreBm25(index, new Map(Object.entries(query)), params, acc, allowed);
  return new Map(acc.top(16, byId).map((s) => [s.slot, s.score]));
}

// Body-only corpus: lengths 3, 2, 4 → average 3.
const corpus = build([
  [[], ['apple', 'banana', 'apple']],
  [[], ['banana', 'cherry']],
  [[], ['cherry', 'cherry', 'cherry', 'date']],
]);

describe('BM25', () => {
  it("uses Lucene's idf ln(1 + (N − df + 0.5)/(df + 0.5))", () => {
    expect(bm25Idf(3, 1)).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12); // 0.980829
    expect(bm25Idf(3, 1)).toBeCloseTo(0.980829, 6);
  });

  it('scores a single term by hand: idf · tf / (tf + k1·(1 − b + b·dl/avgdl))', () => {
    // apple: df 1 → idf 0.980829; d0 tf 2, dl 3 = avgdl → 0.980829 · 2/3.2 = 0.613018
    const s = scores(corpus, { apple: 1 }, TEXTBOOK);
    expect([...s.keys()]).toEqual([0]);
    expect(s.get(0)).toBeCloseTo(0.613018, 5);
  });

  it('favours the shorter document for equal tf', () => {
    // banana: df 2 → idf ln(1.6) = 0.470004. d0 (dl 3): 0.470004 · 1/2.2 = 0.213638;
    // d1 (dl 2, norm 0.75): 0.470004 · 1/(1 + 0.9) = 0.247370.
    const s = scores(corpus, { banana: 1 }, TEXTBOOK);
    expect(s.get(0)).toBeCloseTo(0.213638, 5);
    expect(s.get(1)).toBeCloseTo(0.24737, 5);
  });

  it('sums query terms and multiplies by query weights', () => {
    const single = scores(corpus, { banana: 1 }, TEXTBOOK).get(1)!;
    const cherry = scores(corpus, { cherry: 1 }, TEXTBOOK).get(1)!;
    expect(scores(corpus, { banana: 1, cherry: 1 }, TEXTBOOK).get(1)).toBeCloseTo(single + cherry, 12);
    expect(scores(corpus, { banana: 2 }, TEXTBOOK).get(1)).toBeCloseTo(2 * single, 12);
  });

  it('skips documents the filter excludes', () => {
    const allowed = Uint8Array.from([1, 0, 1]);
    expect([...scores(corpus, { banana: 1 }, TEXTBOOK, allowed).keys()]).toEqual([0]);
  });

  it('bm25f with weight 1 equals BM25 over the concatenated fields', () => {
    const split = build([
      [['apple'], ['banana', 'apple']],
      [['banana'], ['cherry']],
      [['cherry'], ['cherry', 'cherry', 'date']],
    ]);
    const joined = build([
      [[], ['apple', 'banana', 'apple']],
      [[], ['banana', 'cherry']],
      [[], ['cherry', 'cherry', 'cherry', 'date']],
    ]);
    const queries: Record<string, number>[] = [{ apple: 1 }, { banana: 1 }, { cherry: 1, date: 1 }];
    for (const q of queries) {
      const a = scores(split, q, TEXTBOOK);
      const b = scores(joined, q, TEXTBOOK);
      expect([...a.keys()]).toEqual([...b.keys()]);
      for (const [slot, v] of a) expect(v).toBeCloseTo(b.get(slot)!, 12);
    }
  });

  it('bm25f title weight 2 multiplies title tf and title length', () => {
    // d0: title [x], body [apple y]; d1: title [apple], body [x y]. Weighted lengths: 1·2 + 2 = 4 each, avg 4.
    // apple df 2 of N 2 → idf ln(1 + 0.5/2.5) = ln 1.2 = 0.182322.
    // d0 tf~ = 1 → 0.182322 · 1/(1 + 1.2) = 0.082874; d1 tf~ = 2 → 0.182322 · 2/3.2 = 0.113951.
    const index = build([
      [['x'], ['apple', 'y']],
      [['apple'], ['x', 'y']],
    ]);
    const s = scores(index, { apple: 1 }, { ...TEXTBOOK, fieldWeights: [2, 1] });
    expect(s.get(0)).toBeCloseTo(0.082874, 5);
    expect(s.get(1)).toBeCloseTo(0.113951, 5);
  });

  it('per-field mode adds weighted per-field BM25 with per-field idf and lengths', () => {
    // title lengths 1,1 (avg 1); body lengths 2,2 (avg 2). apple: title df 1, body df 1 → idf ln(1 + 1.5/1.5) = ln 2.
    // d0 body tf 1, norm 1 → ln2 · 1/2.2 = 0.315067; d1 title tf 1 → 2 · ln2 · 1/2.2 = 0.630134.
    const index = build([
      [['x'], ['apple', 'y']],
      [['apple'], ['x', 'y']],
    ]);
    const s = scores(index, { apple: 1 }, { ...TEXTBOOK, fieldWeights: [2, 1], fieldMode: 'per-field' });
    expect(s.get(0)).toBeCloseTo(0.315067, 5);
    expect(s.get(1)).toBeCloseTo(0.630134, 5);
  });
});
