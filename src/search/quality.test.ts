import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRun, parseQrels } from './eval.ts';
import { KnowledgeIndex } from './knowledge-index.ts';
import type { KnowledgeDoc } from './types.ts';

// A fast slice of BEIR SciFact (../shared/data/scifact, see its README): the first
// 20 judged claims, their relevant abstracts, and the first 1 500 other abstracts
// as distractors. The full benchmark is bench/search-scifact.ts.
const DATA = new URL('../../../shared/data/scifact/', import.meta.url);
const lines = (name: string) => readFileSync(new URL(name, DATA), 'utf8').split('\n').filter((l) => l.trim() !== '');

const qrels = parseQrels(readFileSync(new URL('qrels/test.tsv', DATA), 'utf8'));
const queries = lines('queries.jsonl')
  .map((l) => JSON.parse(l) as { _id: string; text: string })
  .filter((q) => qrels.has(q._id))
  .slice(0, 20);
const relevant = new Set(queries.flatMap((q) => [...qrels.get(q._id)!.keys()]));
const corpus = lines('corpus.jsonl').map((l) => JSON.parse(l) as { _id: string; title: string; text: string });
const docs: KnowledgeDoc[] = [
  ...corpus.filter((d) => relevant.has(d._id)),
  ...corpus.filter((d) => !relevant.has(d._id)).slice(0, 1500),
].map((d) => ({ id: d._id, title: d.title, text: d.text }));
const sliceQrels = new Map(queries.map((q) => [q._id, qrels.get(q._id)!]));

async function run(index: KnowledgeIndex, mode: 'bm25' | 'hybrid') {
  const out = new Map<string, string[]>();
  for (const q of queries) out.set(q._id, (await index.rankIds({ query: q.text, mode, depth: 10 })).map((r) => r.id));
  return out;
}

describe('search quality on a SciFact slice', () => {
  it('puts a relevant abstract in the top 10 for most claims, in BM25 and hybrid mode', async () => {
    const index = new KnowledgeIndex();
    await index.upsert(docs);
    const bm25 = await run(index, 'bm25');
    const hybrid = await run(index, 'hybrid');
    for (const ranked of [bm25, hybrid]) {
      const hits = queries.filter((q) => ranked.get(q._id)!.some((id) => qrels.get(q._id)!.has(id))).length;
      expect(hits).toBeGreaterThanOrEqual(17);
      // On 20 claims the two modes differ by noise; the full-set comparison is the benchmark's job.
      expect(evaluateRun(ranked, sliceQrels, 10, 10).ndcg).toBeGreaterThan(0.75);
    }
  });
});
