import { truncatedSvd, type SparseRows } from './truncated-svd.ts';

export interface LsaOptions {
  /** Latent dimensions. */
  rank: number;
  powerIterations: number;
  /** Terms in fewer fitted documents carry no co-occurrence signal and are left out. */
  minDf: number;
  /** Terms in more than this share of fitted documents are left out too. */
  maxDfRatio: number;
  /** Fit on at most this many documents (evenly spaced), bounding fit time; the rest are folded in. */
  maxFitDocs: number;
  seed: number;
}

/**
 * Latent semantic analysis (Deerwester et al. 1990) trained on the indexed
 * corpus: a rank-k SVD of the (1 + ln tf)·idf document–term matrix. A text —
 * document or query — is folded in as Σ_t w_t·V_t, so documents added after the
 * fit need no refit to get a vector. Terms that co-occur across documents land
 * near each other, which lets a query match an abstract that words the same
 * idea differently.
 */
export class LsaModel {
  private columns = new Map<string, number>();
  private idf = new Float64Array(0);
  private right = new Float32Array(0);
  private fittedRank = 0;
  private tf = new Uint32Array(0);

  constructor(private readonly options: LsaOptions) {}

  get dimensions(): number {
    return this.options.rank;
  }

  /** Learn from analysed documents (each a list of terms). Deterministic for the same input order. */
  fit(docs: readonly (readonly string[])[]): void {
    const sample = evenlySpaced(docs, this.options.maxFitDocs);
    const df = new Map<string, number>();
    for (const terms of sample) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
    this.columns = new Map();
    const idf: number[] = [];
    for (const [term, n] of df) {
      if (n < this.options.minDf || n > this.options.maxDfRatio * sample.length) continue;
      this.columns.set(term, idf.length);
      idf.push(Math.log(sample.length / n));
    }
    this.idf = Float64Array.from(idf);
    const rows: SparseRows = { rows: sample.length, columns: idf.length, cols: [], vals: [] };
    for (const terms of sample) {
      const { cols, vals } = this.weigh(terms);
      (rows.cols as Int32Array[]).push(cols);
      (rows.vals as Float64Array[]).push(vals);
    }
    if (rows.rows === 0 || rows.columns === 0) {
      this.fittedRank = 0;
      return;
    }
    const svd = truncatedSvd(rows, { rank: this.options.rank, powerIterations: this.options.powerIterations, seed: this.options.seed });
    this.fittedRank = svd.rank;
    this.right = Float32Array.from(svd.right);
  }

  /** Write the unit vector (times `scale`) of `terms` into `out[offset…offset+rank)`; zeros if nothing is known. */
  vectorInto(terms: readonly string[], out: Float32Array, offset: number, scale: number): void {
    const k = this.fittedRank;
    if (k === 0) return;
    const { cols, vals } = this.weigh(terms);
    const v = new Float64Array(k);
    for (let i = 0; i < cols.length; i++) {
      const o = cols[i]! * k;
      const w = vals[i]!;
      for (let j = 0; j < k; j++) v[j]! += w * this.right[o + j]!;
    }
    let norm = 0;
    for (let j = 0; j < k; j++) norm += v[j]! * v[j]!;
    if (norm === 0) return;
    const s = scale / Math.sqrt(norm);
    for (let j = 0; j < k; j++) out[offset + j] = v[j]! * s;
  }

  private weigh(terms: readonly string[]): { cols: Int32Array; vals: Float64Array } {
    // A dense per-column counter reused across calls: no Map per document.
    if (this.tf.length < this.idf.length) this.tf = new Uint32Array(this.idf.length);
    const touched: number[] = [];
    for (const t of terms) {
      const c = this.columns.get(t);
      if (c === undefined) continue;
      if (this.tf[c] === 0) touched.push(c);
      this.tf[c]!++;
    }
    const cols = Int32Array.from(touched);
    const vals = new Float64Array(cols.length);
    let norm = 0;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const n = this.tf[c]!;
      this.tf[c] = 0;
      vals[i] = (n === 1 ? 1 : 1 + Math.log(n)) * this.idf[c]!;
      norm += vals[i]! * vals[i]!;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < vals.length; j++) vals[j]! *= inv;
    return { cols, vals };
  }
}

function evenlySpaced<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)]!);
  return out;
}
