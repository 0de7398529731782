import type { Scored } from './top-k.ts';

/** Deterministic order for equal fused scores (the caller passes document-id order). */
export type Before = (a: number, b: number) => boolean;

/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009):
 * score(d) = Σ_i w_i / (k + rank_i(d)), ranks from 1. Scale-free, so it needs
 * no calibration — but it gives every list the same say per rank, which hurts
 * when one list is much weaker than the other.
 */
export function reciprocalRankFusion(lists: readonly (readonly Scored[])[], before: Before, k = 60, weights?: readonly number[]): Scored[] {
  const fused = new Map<number, number>();
  lists.forEach((list, li) => {
    const w = weights?.[li] ?? 1;
    list.forEach((hit, r) => fused.set(hit.slot, (fused.get(hit.slot) ?? 0) + w / (k + r + 1)));
  });
  return sortFused(fused, before);
}

/**
 * Convex combination of min–max normalised scores: each list is scaled to
 * [0, 1] over its own candidates (best → 1, last candidate → 0), then
 * score(d) = Σ_i w_i · norm_i(d), a document missing from a list getting 0
 * there. Keeps the score gaps RRF throws away; the weights say how far to trust
 * each side.
 */
export function normalizedScoreFusion(lists: readonly (readonly Scored[])[], before: Before, weights: readonly number[]): Scored[] {
  const fused = new Map<number, number>();
  lists.forEach((list, li) => {
    const w = weights[li] ?? 1;
    if (list.length === 0 || w === 0) return;
    const hi = list[0]!.score;
    const lo = list[list.length - 1]!.score;
    const span = hi - lo;
    for (const hit of list) fused.set(hit.slot, (fused.get(hit.slot) ?? 0) + w * (span > 0 ? (hit.score - lo) / span : 1));
  });
  return sortFused(fused, before);
}

function sortFused(fused: Map<number, number>, before: Before): Scored[] {
  const out: Scored[] = [];
  for (const [slot, score] of fused) out.push({ slot, score });
  return out.sort((a, b) => (b.score !== a.score ? b.score - a.score : before(a.slot, b.slot) ? -1 : before(b.slot, a.slot) ? 1 : 0));
}
