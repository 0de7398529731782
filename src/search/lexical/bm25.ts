import type { Accumulator } from '../rank/accumulator.ts';
import type { InvertedIndex } from './inverted-index.ts';

/**
 * - `bm25f`: fields merged before saturation, as Lucene's CombinedFieldQuery
 *   does: tf = Σ w_f·tf_f, length = Σ w_f·len_f, one idf over the whole document.
 *   With all weights 1 this is BM25 over the concatenated text.
 * - `per-field`: Σ_f w_f·BM25_f, each field with its own idf and average length
 *   (Elasticsearch `multi_match` `most_fields`, Anserini's "multifield").
 */
export type FieldMode = 'bm25f' | 'per-field';

export interface Bm25Params {
  k1: number;
  b: number;
  fieldWeights: readonly number[];
  fieldMode: FieldMode;
}

/** Lucene's BM25 idf: always positive, so a very common term still counts a little. */
export function bm25Idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/**
 * Adds each document's BM25 score for the weighted query terms to `acc`
 * (Lucene ≥ 8 form: idf · tf / (tf + k1·(1 − b + b·len/avgLen)), no (k1+1)
 * factor — rank-equivalent, and scores stay bounded by idf). Slots where
 * `allowed[slot] === 0` are skipped, so filters act before ranking.
 */
export function scoreBm25(
  index: InvertedIndex,
  query: ReadonlyMap<string, number>,
  params: Bm25Params,
  acc: Accumulator,
  allowed?: Uint8Array,
): void {
  for (const [term, weight] of query) {
    const id = index.termId(term);
    if (id === undefined || index.df(id) === 0 || weight === 0) continue;
    if (params.fieldMode === 'bm25f') addCombined(index, id, weight, params, acc, allowed);
    else addPerField(index, id, weight, params, acc, allowed);
  }
}

function addCombined(index: InvertedIndex, id: number, weight: number, p: Bm25Params, acc: Accumulator, allowed?: Uint8Array): void {
  const F = index.fieldCount;
  let avg = 0;
  for (let f = 0; f < F; f++) avg += (p.fieldWeights[f] ?? 1) * index.averageFieldLength(f);
  const idf = weight * bm25Idf(index.docCount, index.df(id));
  const { slots, tf, length } = index.postings(id);
  for (let i = 0; i < length; i++) {
    const slot = slots[i]!;
    if (allowed !== undefined && allowed[slot] === 0) continue;
    let t = 0;
    let len = 0;
    for (let f = 0; f < F; f++) {
      const w = p.fieldWeights[f] ?? 1;
      t += w * tf[i * F + f]!;
      len += w * index.fieldLength(slot, f);
    }
    if (t === 0) continue;
    acc.add(slot, (idf * t) / (t + p.k1 * (1 - p.b + (p.b * len) / avg)));
  }
}

function addPerField(index: InvertedIndex, id: number, weight: number, p: Bm25Params, acc: Accumulator, allowed?: Uint8Array): void {
  const F = index.fieldCount;
  const { slots, tf, length } = index.postings(id);
  for (let f = 0; f < F; f++) {
    const w = p.fieldWeights[f] ?? 1;
    const df = index.dfInField(id, f);
    if (w === 0 || df === 0) continue;
    const avg = index.averageFieldLength(f);
    const idf = weight * w * bm25Idf(index.docCount, df);
    for (let i = 0; i < length; i++) {
      const t = tf[i * F + f]!;
      const slot = slots[i]!;
      if (t === 0 || (allowed !== undefined && allowed[slot] === 0)) continue;
      acc.add(slot, (idf * t) / (t + p.k1 * (1 - p.b + (p.b * index.fieldLength(slot, f)) / avg)));
    }
  }
}
