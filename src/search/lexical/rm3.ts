import type { Scored } from '../rank/top-k.ts';
import type { InvertedIndex } from './inverted-index.ts';

export interface Rm3Options {
  /** Feedback documents (Anserini default 10). */
  fbDocs: number;
  /** Expansion terms (Anserini default 10). */
  fbTerms: number;
  /** Weight of the original query in the interpolation (Anserini default 0.5). */
  originalQueryWeight: number;
}

/** Feedback terms in more than this share of documents are treated as stop words (Anserini's heuristic). */
const MAX_DF_RATIO = 0.1;

/**
 * RM3 pseudo-relevance feedback (Abdul-Jaleel et al., TREC 2004), following
 * Anserini's Rm3Reranker: each feedback document's term counts (terms of 2–20
 * characters, df ≤ 10 %) are pruned to fbTerms, L1-normalised and weighted by
 * the document's first-pass score; the sum is pruned to fbTerms, L1-normalised
 * and interpolated with the L1-normalised original query. Returns the expanded
 * weighted query; ties are broken by term text so the result is deterministic.
 */
export function rm3Expand(
  index: InvertedIndex,
  query: ReadonlyMap<string, number>,
  firstPass: readonly Scored[],
  options: Rm3Options,
): Map<string, number> {
  const F = index.fieldCount;
  const feedback = new Map<number, number>();
  for (const hit of firstPass.slice(0, options.fbDocs)) {
    const fwd = index.forward(hit.slot);
    if (fwd === undefined) continue;
    const vec: [number, number][] = [];
    for (let i = 0; i < fwd.termIds.length; i++) {
      const id = fwd.termIds[i]!;
      const len = index.term(id).length;
      if (len < 2 || len > 20 || index.df(id) > MAX_DF_RATIO * index.docCount) continue;
      let tf = 0;
      for (let f = 0; f < F; f++) tf += fwd.tf[i * F + f]!;
      vec.push([id, tf]);
    }
    const kept = topTerms(index, vec, options.fbTerms);
    const norm = kept.reduce((s, [, w]) => s + w, 0);
    if (norm <= 0) continue;
    for (const [id, w] of kept) feedback.set(id, (feedback.get(id) ?? 0) + (w / norm) * hit.score);
  }
  const model = topTerms(index, [...feedback], options.fbTerms);
  const fbNorm = model.reduce((s, [, w]) => s + w, 0);
  const qNorm = [...query.values()].reduce((s, w) => s + w, 0);
  const alpha = options.originalQueryWeight;
  const out = new Map<string, number>();
  if (qNorm > 0) for (const [term, w] of query) out.set(term, (alpha * w) / qNorm);
  if (fbNorm > 0) {
    for (const [id, w] of model) {
      const term = index.term(id);
      out.set(term, (out.get(term) ?? 0) + ((1 - alpha) * w) / fbNorm);
    }
  }
  return out;
}

function topTerms(index: InvertedIndex, vec: [number, number][], n: number): [number, number][] {
  return vec.sort((a, b) => b[1] - a[1] || (index.term(a[0]) < index.term(b[0]) ? -1 : 1)).slice(0, n);
}
