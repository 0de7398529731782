import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateScifact } from '../../test/support/scifact.ts';
import { evaluateRun, parseQrels } from './eval.ts';
import { KnowledgeIndex } from './knowledge-index.ts';
import type { KnowledgeDoc } from './types.ts';

// A fast slice of BEIR SciFact (HASHI_TEST_SCIFACT_DIR, default ../shared/data/scifact):
// the first 20 judged claims, their relevant abstracts, and the first 1 500 other
// abstracts as distractors. The full benchmark is bench/search-scifact.ts.
// The data is not in the repository: without it the suite is skipped with the reason
// printed, and `.ci/run` fails because its `[scifact]` suite did not run.
const data = locateScifact();
if (data.missing) console.warn(`search quality [scifact] skipped: ${data.missing}`);

function loadSlice(dir: string) {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const lines = (name: string) => read(name).split('\n').filter((l) => l.trim() !== '');
  const qrels = parseQrels(read('qrels/test.tsv'));
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
  return { qrels, queries, docs, sliceQrels: new Map(queries.map((q) => [q._id, qrels.get(q._id)!])) };
}

describe.skipIf(data.missing !== undefined)('search quality on a SciFact slice [scifact]', () => {
  it('puts a relevant abstract in the top 10 for most claims, in BM25 and hybrid mode', async () => {
    const { qrels, queries, docs, sliceQrels } = loadSlice(data.dir);
    const run = async (index: KnowledgeIndex, mode: 'bm25' | 'hybrid') => {
      const out = new Map<string, string[]>();
      for (const q of queries) out.set(q._id, (await index.rankIds({ query: q.text, mode, depth: 10 })).map((r) => r.id));
      return out;
    };
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
