import { describe, expect, it } from 'vitest';
import { IntervalTree } from './interval-tree.ts';
import { inRange } from './numeric.ts';
import type { NumericRange } from './types.ts';

describe('IntervalTree', () => {
  it('finds exactly the ranges a brute-force scan finds (seeded random ranges)', () => {
    // Prepare: a linear congruential sequence keeps the draw deterministic.
    let s = 12345;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ranges: NumericRange[] = Array.from({ length: 500 }, () => {
      const a = Math.round(next() * 200 - 100);
      const b = a + Math.round(next() * 50) + 1;
      const kind = next();
      if (kind < 0.2) return { low: -Infinity, lowOpen: false, high: a, highOpen: next() < 0.5 };
      if (kind < 0.4) return { low: a, lowOpen: next() < 0.5, high: Infinity, highOpen: false };
      if (kind < 0.5) return { low: a, lowOpen: false, high: a, highOpen: false };
      return { low: a, lowOpen: next() < 0.5, high: b, highOpen: next() < 0.5 };
    });
    const tree = new IntervalTree(ranges.map((range, ref) => ({ range, ref })));
    // Act / Assess
    for (let v = -160; v <= 160; v += 0.5) {
      const found: number[] = [];
      tree.visitContaining(v, (ref) => found.push(ref));
      const expected = ranges.flatMap((r, i) => (inRange(r, v) ? [i] : []));
      expect(found.sort((x, y) => x - y)).toEqual(expected);
    }
  });
});
