import { describe, expect, it } from 'vitest';
import { evaluateRun, ndcgAt, parseQrels, recallAt } from './eval.ts';

const judged = (...relevant: string[]) => new Map(relevant.map((id) => [id, 1]));

describe('nDCG@k', () => {
  it('is 1 for an ideal ranking and 0 with no relevant document retrieved', () => {
    expect(ndcgAt(['a', 'b', 'x'], judged('a', 'b'), 10)).toBe(1);
    expect(ndcgAt(['x', 'y'], judged('a'), 10)).toBe(0);
  });

  it('matches a hand computation', () => {
    // relevant b (rank 2) of {b, d}: DCG = 1/log2(3) = 0.630930; IDCG = 1 + 1/log2(3) = 1.630930
    expect(ndcgAt(['a', 'b', 'c'], judged('b', 'd'), 10)).toBeCloseTo(0.63093 / 1.63093, 6);
    expect(ndcgAt(['a', 'b', 'c'], judged('b', 'd'), 10)).toBeCloseTo(0.386853, 6);
  });

  it('only looks at the top k, and the ideal DCG is cut at k too', () => {
    // rank 3 is outside k = 2; IDCG@2 with three relevant = 1 + 1/log2(3)
    expect(ndcgAt(['x', 'y', 'a'], judged('a'), 2)).toBe(0);
    expect(ndcgAt(['a', 'x'], judged('a', 'b', 'c'), 2)).toBeCloseTo(1 / 1.63093, 5);
  });

  it('uses graded gains as given and ignores duplicates', () => {
    const graded = new Map([
      ['a', 2],
      ['b', 1],
    ]);
    // run b, a: DCG = 1 + 2/log2 3 = 2.261860; IDCG = 2 + 1/log2 3 = 2.630930
    expect(ndcgAt(['b', 'a'], graded, 10)).toBeCloseTo(2.26186 / 2.63093, 5);
    expect(ndcgAt(['a', 'a'], judged('a', 'b'), 10)).toBeCloseTo(1 / 1.63093, 5);
  });
});

describe('Recall@k', () => {
  it('is the share of relevant documents in the top k', () => {
    expect(recallAt(['a', 'x', 'b'], judged('a', 'b', 'c', 'd'), 2)).toBe(0.25);
    expect(recallAt(['a', 'x', 'b'], judged('a', 'b', 'c', 'd'), 100)).toBe(0.5);
    expect(recallAt(['x'], new Map([['a', 0]]), 100)).toBe(0);
  });
});

describe('evaluateRun', () => {
  it('averages over judged queries and scores a missing run as 0', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq2\td3\t1\n');
    const run = new Map([['q1', ['d1']]]);
    const scores = evaluateRun(run, qrels, 10, 100);
    expect(scores.queries).toBe(2);
    expect(scores.ndcg).toBe(0.5);
    expect(scores.recall).toBe(0.5);
    expect(scores.perQuery.get('q2')).toEqual({ ndcg: 0, recall: 0 });
  });

  it('parses BEIR qrels, skipping the header and blank lines', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\r\n1\t31715818\t1\r\n\r\n3\t14717500\t1\r\n');
    expect([...qrels.keys()]).toEqual(['1', '3']);
    expect(qrels.get('1')!.get('31715818')).toBe(1);
  });
});
