import { describe, expect, it } from 'vitest';
import { orthonormalize, seededRandom, symmetricEigen } from './linalg.ts';

describe('seededRandom', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('symmetricEigen', () => {
  it('solves a 2×2 by hand: [[2,1],[1,2]] has eigenvalues 3 and 1', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    // eigenvector of 3 is ±(1,1)/√2
    expect(Math.abs(vectors[0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0]! * vectors[2]!).toBeCloseTo(0.5, 12);
  });

  it('satisfies A v = λ v with orthonormal vectors on a random symmetric matrix', () => {
    const n = 40;
    const rnd = seededRandom(3);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rnd() - 0.5;
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      if (k > 0) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + k]!;
        expect(av).toBeCloseTo(values[k]! * vectors[i * n + k]!, 10);
      }
      let dot01 = 0;
      for (let i = 0; i < n; i++) dot01 += vectors[i * n + k]! * vectors[i * n + ((k + 1) % n)]!;
      expect(dot01).toBeCloseTo(0, 10);
    }
  });
});

describe('orthonormalize', () => {
  it('turns independent columns into an orthonormal basis of the same span', () => {
    // column-major 3×2: (1,1,0) and (1,0,0)
    const m = Float64Array.from([1, 1, 0, 1, 0, 0]);
    orthonormalize(m, 3, 2);
    expect([...m.subarray(0, 3)].map((x) => +x.toFixed(12))).toEqual([+Math.SQRT1_2.toFixed(12), +Math.SQRT1_2.toFixed(12), 0]);
    expect([...m.subarray(3, 6)].map((x) => +x.toFixed(12))).toEqual([+Math.SQRT1_2.toFixed(12), -Math.SQRT1_2.toFixed(12), 0]);
  });
});
