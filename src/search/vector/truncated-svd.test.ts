import { describe, expect, it } from 'vitest';
import { seededRandom, symmetricEigen } from './linalg.ts';
import { truncatedSvd, type SparseRows } from './truncated-svd.ts';

function randomSparse(rows: number, columns: number, density: number, seed: number): SparseRows {
  const rnd = seededRandom(seed);
  const cols: Int32Array[] = [];
  const vals: Float64Array[] = [];
  for (let r = 0; r < rows; r++) {
    const c: number[] = [];
    const v: number[] = [];
    for (let j = 0; j < columns; j++) {
      if (rnd() >= density) continue;
      c.push(j);
      v.push(rnd());
    }
    cols.push(Int32Array.from(c));
    vals.push(Float64Array.from(v));
  }
  return { rows, columns, cols, vals };
}

/** Exact singular values and right vectors from the eigen-decomposition of AᵀA. */
function exact(a: SparseRows): { singular: number[]; vectors: Float64Array } {
  const n = a.columns;
  const ata = new Float64Array(n * n);
  for (let r = 0; r < a.rows; r++) {
    const c = a.cols[r]!;
    const v = a.vals[r]!;
    for (let i = 0; i < c.length; i++) for (let j = 0; j < c.length; j++) ata[c[i]! * n + c[j]!]! += v[i]! * v[j]!;
  }
  const { values, vectors } = symmetricEigen(ata, n);
  return { singular: [...values].map((x) => Math.sqrt(Math.max(x, 0))), vectors };
}

describe('truncatedSvd', () => {
  it('recovers the leading singular values and vectors exactly when the sketch spans the matrix', () => {
    const a = randomSparse(30, 12, 0.4, 11);
    const svd = truncatedSvd(a, { rank: 4, oversample: 8, powerIterations: 0 }); // l = 12 = columns
    const ref = exact(a);
    for (let k = 0; k < 4; k++) {
      expect(svd.singular[k]).toBeCloseTo(ref.singular[k]!, 8);
      let dot = 0;
      for (let c = 0; c < 12; c++) dot += svd.right[c * 4 + k]! * ref.vectors[c * 12 + k]!;
      expect(Math.abs(dot)).toBeCloseTo(1, 8); // same vector up to sign
    }
  });

  it('approximates the top singular values of a larger matrix with power iterations', () => {
    const a = randomSparse(200, 120, 0.05, 5);
    const svd = truncatedSvd(a, { rank: 5, oversample: 20, powerIterations: 2 });
    const ref = exact(a);
    for (let k = 0; k < 5; k++) expect(Math.abs(svd.singular[k]! - ref.singular[k]!) / ref.singular[k]!).toBeLessThan(0.02);
  });

  it('is deterministic for a seed', () => {
    const a = randomSparse(50, 40, 0.1, 2);
    const x = truncatedSvd(a, { rank: 6, seed: 9 });
    const y = truncatedSvd(a, { rank: 6, seed: 9 });
    expect(Array.from(x.right)).toEqual(Array.from(y.right));
  });

  it('caps the rank at the matrix size', () => {
    const a = randomSparse(3, 10, 0.5, 4);
    expect(truncatedSvd(a, { rank: 50 }).rank).toBe(3);
  });
});
