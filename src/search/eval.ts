/**
 * Retrieval metrics with the trec_eval / pytrec_eval definitions BEIR reports:
 * - nDCG@k: DCG = Σ_{i≤k} rel_i / log2(i + 1) over the run's top k, divided by
 *   the DCG of the ideal ordering of the judged documents (gain = rel, so binary
 *   judgments give gain 1).
 * - Recall@k: relevant documents (rel > 0) in the top k / all relevant documents.
 * Means are taken over every judged query that has a relevant document; a query
 * the run did not answer scores 0 rather than being dropped.
 */
export type Judgments = ReadonlyMap<string, number>;
export type Qrels = ReadonlyMap<string, Judgments>;

export function ndcgAt(ranked: readonly string[], judged: Judgments, k: number): number {
  let dcg = 0;
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const id = ranked[i]!;
    if (seen.has(id)) continue; // a duplicate earns nothing twice
    seen.add(id);
    dcg += (judged.get(id) ?? 0) / Math.log2(i + 2);
  }
  const ideal = [...judged.values()].filter((r) => r > 0).sort((a, b) => b - a);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[i]! / Math.log2(i + 2);
  return idcg === 0 ? 0 : dcg / idcg;
}

export function recallAt(ranked: readonly string[], judged: Judgments, k: number): number {
  let relevant = 0;
  for (const r of judged.values()) if (r > 0) relevant++;
  if (relevant === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  let found = 0;
  for (const id of top) if ((judged.get(id) ?? 0) > 0) found++;
  return found / relevant;
}

export interface RunScores {
  queries: number;
  ndcg: number;
  recall: number;
  perQuery: Map<string, { ndcg: number; recall: number }>;
}

/** Mean nDCG@ndcgK and Recall@recallK of `run` (query id → ranked doc ids) against `qrels`. */
export function evaluateRun(
  run: ReadonlyMap<string, readonly string[]>,
  qrels: Qrels,
  ndcgK = 10,
  recallK = 100,
): RunScores {
  const perQuery = new Map<string, { ndcg: number; recall: number }>();
  let ndcg = 0;
  let recall = 0;
  for (const [qid, judged] of qrels) {
    if (![...judged.values()].some((r) => r > 0)) continue;
    const ranked = run.get(qid) ?? [];
    const q = { ndcg: ndcgAt(ranked, judged, ndcgK), recall: recallAt(ranked, judged, recallK) };
    perQuery.set(qid, q);
    ndcg += q.ndcg;
    recall += q.recall;
  }
  const n = perQuery.size;
  return { queries: n, ndcg: n === 0 ? 0 : ndcg / n, recall: n === 0 ? 0 : recall / n, perQuery };
}

/** BEIR qrels TSV (`query-id<TAB>corpus-id<TAB>score`, optional header) → Qrels. */
export function parseQrels(tsv: string): Qrels {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of tsv.split(/\r?\n/)) {
    const [qid, docId, score] = line.split('\t');
    if (qid === undefined || docId === undefined || score === undefined) continue;
    const rel = Number(score);
    if (!Number.isFinite(rel)) continue; // the header line
    let judged = qrels.get(qid);
    if (judged === undefined) qrels.set(qid, (judged = new Map()));
    judged.set(docId, rel);
  }
  return qrels;
}
