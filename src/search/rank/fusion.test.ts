import { describe, expect, it } from 'vitest';
import { normalizedScoreFusion, reciprocalRankFusion } from './fusion.ts';

const byId = (a: number, b: number): boolean => a < b;
const list = (...pairs: [number, number][]) => pairs.map(([slot, score]) => ({ slot, score }));

describe('reciprocal rank fusion', () => {
  it('adds 1/(k + rank) across lists (Cormack et al. 2009)', () => {
    const fused = reciprocalRankFusion([list([1, 9], [2, 8]), list([2, 0.9], [3, 0.8])], byId, 60);
    // slot 2: 1/62 + 1/61; slot 1: 1/61; slot 3: 1/62
    expect(fused.map((f) => f.slot)).toEqual([2, 1, 3]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
  });

  it('weights lists and breaks equal fused scores by id', () => {
    const fused = reciprocalRankFusion([list([5, 1]), list([4, 1])], byId, 60, [1, 1]);
    expect(fused.map((f) => f.slot)).toEqual([4, 5]);
    const weighted = reciprocalRankFusion([list([5, 1]), list([4, 1])], byId, 60, [1, 0.5]);
    expect(weighted.map((f) => f.slot)).toEqual([5, 4]);
  });
});

describe('normalised score fusion', () => {
  it('min–max scales each list and takes the weighted sum', () => {
    // lexical 10, 6, 2 → 1, 0.5, 0; vector 0.9, 0.5 → 1, 0
    const fused = normalizedScoreFusion([list([1, 10], [2, 6], [3, 2]), list([3, 0.9], [2, 0.5])], byId, [0.6, 0.4]);
    const score = new Map(fused.map((f) => [f.slot, f.score]));
    expect(score.get(1)).toBeCloseTo(0.6, 12);
    expect(score.get(2)).toBeCloseTo(0.3, 12);
    expect(score.get(3)).toBeCloseTo(0.4, 12);
    expect(fused.map((f) => f.slot)).toEqual([1, 3, 2]);
  });

  it('gives a one-item or flat list full credit, and ignores empty lists', () => {
    const fused = normalizedScoreFusion([list([7, 3]), []], byId, [0.5, 0.5]);
    expect(fused).toEqual([{ slot: 7, score: 0.5 }]);
  });
});
