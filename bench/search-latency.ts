/**
 * Search latency on a 10 000-document corpus: the 5 183 SciFact abstracts plus
 * 4 817 synthetic variants (each: the title of one abstract and sentences drawn
 * from two others, seeded, so the vocabulary stays real), with product_model /
 * doc_type metadata. Queries are the 300 SciFact claims, through the public
 * `search()` (maxResults 10, snippets included). Writes bench/results/search-latency.json.
 *   npx tsx bench/search-latency.ts [dataDir=../shared/data/scifact] [documents=10000]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeIndex, type KnowledgeDoc, type SearchFilters, type SearchMode } from '../src/search/index.ts';
import { environment, percentile, round, writeResult } from './support/report.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(repo, process.argv[2] ?? '../shared/data/scifact');
const TARGET = Number(process.argv[3] ?? 10_000);
const PASSES = 2;

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

/** mulberry32: the variants are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOC_TYPES = ['troubleshooting', 'manual', 'faq', 'release-note'];
const metadataFor = (i: number) => ({ product_model: `HX-${100 + (i % 20)}`, doc_type: DOC_TYPES[i % DOC_TYPES.length]! });

const scifact = readJsonl<{ _id: string; title: string; text: string }>(`${dataDir}/corpus.jsonl`);
const docs: KnowledgeDoc[] = scifact.map((d, i) => ({ id: d._id, title: d.title, text: d.text, metadata: metadataFor(i) }));
const random = rng(42);
const sentencesOf = (text: string) => text.split(/(?<=\.)\s+/).filter((s) => s.length > 0);
for (let n = 0; docs.length < TARGET; n++) {
  const pick = () => scifact[Math.floor(random() * scifact.length)]!;
  const [a, b, c] = [pick(), pick(), pick()];
  const pool = [...sentencesOf(b.text), ...sentencesOf(c.text)];
  const text = pool.filter(() => random() < 0.6).join(' ') || b.text;
  docs.push({ id: `variant-${n}`, title: a.title, text, metadata: metadataFor(docs.length) });
}
const queries = readJsonl<{ _id: string; text: string }>(`${dataDir}/queries.jsonl`).map((q) => q.text);

const loadBefore = loadavg();
// Typed arrays live outside the JS heap, so count ArrayBuffers too.
const heapMiB = () => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};
globalThis.gc?.();
const heapBefore = heapMiB();
const index = new KnowledgeIndex();
let t0 = performance.now();
const buildCpu = process.cpuUsage();
await index.upsert(docs);
const buildMs = performance.now() - t0;
const buildCpuUsed = process.cpuUsage(buildCpu);
const buildCpuMs = (buildCpuUsed.user + buildCpuUsed.system) / 1000;
globalThis.gc?.();
const heapAfter = heapMiB();
console.log(`built ${index.size} documents in ${Math.round(buildMs)} ms (cpu ${Math.round(buildCpuMs)} ms)`);

async function measure(mode: SearchMode, filters?: SearchFilters) {
  for (const query of queries) await index.search({ query, mode, filters, maxResults: 10 }); // warm-up
  const samples: number[] = [];
  // CPU time of this process per query too: on a shared machine wall time includes waiting for a core.
  const cpu: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    for (const query of queries) {
      const c = process.cpuUsage();
      const t = performance.now();
      await index.search({ query, mode, filters, maxResults: 10 });
      samples.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  samples.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  return {
    samples: samples.length,
    p50Ms: round(percentile(samples, 50), 3),
    p90Ms: round(percentile(samples, 90), 3),
    p99Ms: round(percentile(samples, 99), 3),
    meanMs: round(samples.reduce((s, x) => s + x, 0) / samples.length, 3),
    cpuP50Ms: round(percentile(cpu, 50), 3),
    cpuP99Ms: round(percentile(cpu, 99), 3),
  };
}

const filters: SearchFilters = { product_model: 'HX-105', doc_type: ['faq', 'manual'] };
const results: Record<string, Awaited<ReturnType<typeof measure>> & { vsBm25P50?: number }> = {
  bm25: await measure('bm25'),
  vector: await measure('vector'),
  hybrid: await measure('hybrid'),
  'hybrid+filters': await measure('hybrid', filters),
};
for (const r of Object.values(results)) r.vsBm25P50 = round(r.p50Ms / results.bm25!.p50Ms, 2);
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(16)} p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  (cpu p50 ${r.cpuP50Ms} ms, p99 ${r.cpuP99Ms} ms)`);

// Keeping the index current: one re-ingested document at a time (folded into the fitted model).
const upserts: number[] = [];
for (let i = 0; i < 200; i++) {
  const d = docs[(i * 37) % docs.length]!;
  t0 = performance.now();
  await index.upsert([{ ...d, text: `${d.text} (revised)` }]);
  upserts.push(performance.now() - t0);
}
upserts.sort((x, y) => x - y);

const file = writeResult('search-latency', {
  benchmark: `search() latency (maxResults 10, snippets included) over ${index.size} documents, single caller, after one warm-up pass`,
  command: `npx tsx bench/search-latency.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
  ...environment(['stemmer', 'typescript']),
  corpus: {
    documents: index.size,
    scifact: scifact.length,
    synthetic: docs.length - scifact.length,
    synthetic_recipe: 'title of one SciFact abstract + ~60% of the sentences of two others (mulberry32 seed 42); metadata product_model HX-100…HX-119 and doc_type cycling over 4 values',
  },
  queries: `${queries.length} SciFact claims × ${PASSES} passes`,
  configuration: 'KnowledgeIndex defaults: BM25F title×2 (k1 0.9, b 0.4); OfflineEmbedder (LSA 128 ⊕ hashed char 3–5-grams 512, fitted on 5000 evenly spaced documents); min–max fusion, vector weight 0.4, 100 candidates per side',
  build: { ms: Math.round(buildMs), cpuMs: Math.round(buildCpuMs), memoryMiB: round(heapAfter - heapBefore, 1), note: heapBefore > 0 && globalThis.gc ? 'after gc' : 'without --expose-gc: heap delta is approximate' },
  baseline: 'bm25 mode in this run; vsBm25P50 = mode p50 / bm25 p50',
  results,
  filters,
  loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: loadavg().map((x) => round(x, 2)), note: 'the machine is shared; timings under load are pessimistic' },
  singleDocUpsert: { samples: upserts.length, p50Ms: round(percentile(upserts, 50), 3), p99Ms: round(percentile(upserts, 99), 3) },
});
console.log(`wrote ${file}`);
