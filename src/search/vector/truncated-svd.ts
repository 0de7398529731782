import { orthonormalize, seededRandom, symmetricEigen } from './linalg.ts';

/** A sparse matrix by rows: row r holds `cols[r][i]` with value `vals[r][i]`. */
export interface SparseRows {
  rows: number;
  columns: number;
  cols: readonly Int32Array[];
  vals: readonly Float64Array[];
}

export interface TruncatedSvd {
  rank: number;
  /** Singular values, descending. */
  singular: Float64Array;
  /** Right singular vectors: `columns × rank`, row-major (row = one column of A). */
  right: Float64Array;
}

export interface SvdOptions {
  rank: number;
  oversample?: number;
  powerIterations?: number;
  seed?: number;
}

/**
 * Rank-k SVD of a sparse matrix by randomised subspace iteration (Halko,
 * Martinsson & Tropp 2011, Alg. 4.4 + 5.1): Y = (A Aᵀ)^q A Ω, Q = orth(Y),
 * then the small l×l problem (AᵀQ)ᵀ(AᵀQ) is solved exactly. Only the right
 * singular vectors are returned — they are what folds a new document or a
 * query into the latent space. The seeded test matrix makes it deterministic.
 */
export function truncatedSvd(a: SparseRows, options: SvdOptions): TruncatedSvd {
  const l = Math.min(options.rank + (options.oversample ?? 16), a.rows, a.columns);
  const rank = Math.min(options.rank, l);
  const random = seededRandom(options.seed ?? 0x5eed);
  const omega = new Float64Array(a.columns * l);
  // Gaussian test matrix (Box–Muller): almost surely of full rank, unlike a small ±1 one.
  for (let i = 0; i < omega.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const t = 2 * Math.PI * random();
    omega[i] = r * Math.cos(t);
    if (i + 1 < omega.length) omega[i + 1] = r * Math.sin(t);
  }

  // Range finder on the document side (rows ≪ vocabulary): Q = orth((A Aᵀ)^q A Ω).
  let y = multiply(a, omega, l);
  const iterations = options.powerIterations ?? 0;
  // Power iterations worsen the conditioning of Y, so they earn a second Gram–Schmidt pass.
  const passes = iterations > 0 ? 2 : 1;
  for (let it = 0; it < iterations; it++) {
    const q = orthonormalRows(y, a.rows, l, passes);
    y = multiply(a, multiplyTransposed(a, q, l), l);
  }
  const q = orthonormalRows(y, a.rows, l, passes);
  // B = QᵀA is l × columns; B Bᵀ = Qᵀ (A (Aᵀ Q)), computed through two sparse products
  // instead of a dense columns × l² one.
  const aaq = multiply(a, multiplyTransposed(a, q, l), l);
  const gram = new Float64Array(l * l);
  for (let r = 0; r < a.rows; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const qi = q[o + i]!;
      if (qi === 0) continue;
      const gi = i * l;
      for (let j = 0; j < l; j++) gram[gi + j]! += qi * aaq[o + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) gram[i * l + j] = gram[j * l + i] = (gram[i * l + j]! + gram[j * l + i]!) / 2;
  const { values, vectors } = symmetricEigen(gram, l);
  const singular = new Float64Array(rank);
  for (let k = 0; k < rank; k++) singular[k] = Math.sqrt(Math.max(values[k]!, 0));
  // V = Aᵀ U S⁻¹ with U = Q U_B: the dense part is rows × l × rank, the rest sparse.
  const us = new Float64Array(a.rows * rank);
  for (let r = 0; r < a.rows; r++) {
    const o = r * l;
    const out = r * rank;
    for (let i = 0; i < l; i++) {
      const qi = q[o + i]!;
      if (qi === 0) continue;
      const vi = i * l;
      for (let k = 0; k < rank; k++) us[out + k]! += qi * vectors[vi + k]!;
    }
    for (let k = 0; k < rank; k++) us[out + k] = singular[k]! > 1e-12 ? us[out + k]! / singular[k]! : 0;
  }
  const right = multiplyTransposed(a, us, rank);
  return { rank, singular, right };
}

/** Orthonormal basis of the columns of a row-major rows × cols matrix, returned row-major. */
function orthonormalRows(m: Float64Array, rows: number, cols: number, passes: number): Float64Array {
  const cm = toColumnMajor(m, rows, cols);
  orthonormalize(cm, rows, cols, passes);
  return toRowMajor(cm, rows, cols);
}

/** A (rows × columns, sparse) · M (columns × l, row-major) → rows × l, row-major. */
function multiply(a: SparseRows, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(a.rows * l);
  for (let r = 0; r < a.rows; r++) {
    const cols = a.cols[r]!;
    const vals = a.vals[r]!;
    const o = r * l;
    for (let i = 0; i < cols.length; i++) {
      const w = vals[i]!;
      const mo = cols[i]! * l;
      for (let j = 0; j < l; j++) out[o + j]! += w * m[mo + j]!;
    }
  }
  return out;
}

/** Aᵀ (columns × rows) · M (rows × l, row-major) → columns × l, row-major. */
function multiplyTransposed(a: SparseRows, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(a.columns * l);
  for (let r = 0; r < a.rows; r++) {
    const cols = a.cols[r]!;
    const vals = a.vals[r]!;
    const mo = r * l;
    for (let i = 0; i < cols.length; i++) {
      const w = vals[i]!;
      const o = cols[i]! * l;
      for (let j = 0; j < l; j++) out[o + j]! += w * m[mo + j]!;
    }
  }
  return out;
}

function toColumnMajor(m: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}

function toRowMajor(m: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out[r * cols + c] = m[c * rows + r]!;
  return out;
}
