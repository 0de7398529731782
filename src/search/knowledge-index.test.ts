import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from './knowledge-index.ts';
import type { Embedder, KnowledgeDoc } from './types.ts';

const kb: KnowledgeDoc[] = [
  { id: 'kb-1', title: 'Printer paper jam', text: 'Error E42: the paper tray sensor failed. Open the tray and remove the jammed paper.', metadata: { product_model: 'HX-200', error_code: 'E42', doc_type: 'troubleshooting' } },
  { id: 'kb-2', title: 'Paper jam on the HX-300', text: 'A paper jam in the rear unit. Remove the jammed paper from the rear door.', metadata: { product_model: 'HX-300', error_code: 'E42', doc_type: 'troubleshooting' } },
  { id: 'kb-3', title: 'Replacing toner', text: 'Replace the toner cartridge when the printer reports low toner.', metadata: { product_model: 'HX-200', doc_type: 'manual' } },
  { id: 'kb-4', title: 'Network setup', text: 'Connect the printer to Wi-Fi from the settings menu.', metadata: { product_model: 'HX-200', doc_type: 'faq' } },
  { id: 'kb-5', title: 'Paper types', text: 'Glossy paper and plain paper are supported; heavy paper may jam.', metadata: { product_model: 'HX-300', doc_type: 'faq' } },
];

/** A stand-in provider: letter counts, so similar spellings are near. */
class LetterEmbedder implements Embedder {
  readonly dimensions = 26;
  calls: string[][] = [];
  async embed(texts: string[]): Promise<number[][]> {
    this.calls.push(texts);
    return texts.map((t) => {
      const v = new Array<number>(26).fill(0);
      for (const c of t.toLowerCase()) if (c >= 'a' && c <= 'z') v[c.charCodeAt(0) - 97]!++;
      return v;
    });
  }
}

/** A provider whose answers the test releases by hand, to interleave calls. */
class ManualEmbedder implements Embedder {
  readonly dimensions = 2;
  readonly waiting: { texts: string[]; resolve: (v: number[][]) => void; reject: (e: unknown) => void }[] = [];
  embed(texts: string[]): Promise<number[][]> {
    return new Promise((resolve, reject) => this.waiting.push({ texts, resolve, reject }));
  }
}

const flush = () => new Promise((r) => setImmediate(r));

async function built(docs = kb, options: ConstructorParameters<typeof KnowledgeIndex>[0] = {}): Promise<KnowledgeIndex> {
  const index = new KnowledgeIndex(options);
  await index.upsert(docs);
  return index;
}

describe('KnowledgeIndex', () => {
  it('returns id, title, highlighted snippet, score and metadata, best first', async () => {
    const index = await built();
    const { results, mode } = await index.search({ query: 'paper jam', maxResults: 3 });
    expect(mode).toBe('hybrid');
    expect(results).toHaveLength(3);
    expect(results.map((r) => r.id).slice(0, 2).sort()).toEqual(['kb-1', 'kb-2']);
    const top = results[0]!;
    expect(top.snippet).toContain('<mark>paper</mark>');
    expect(top.metadata.doc_type).toBe('troubleshooting');
    expect(results[0]!.score).toBeGreaterThanOrEqual(results[1]!.score);
  });

  it('defaults to 5 results and rejects maxResults outside 1…50', async () => {
    const index = await built();
    expect((await index.search({ query: 'paper printer toner network', mode: 'bm25' })).results).toHaveLength(5);
    for (const maxResults of [0, 51, 2.5]) {
      await expect(index.search({ query: 'paper', maxResults })).rejects.toMatchObject({ code: 'SEARCH_INVALID_MAX_RESULTS', status: 400 });
    }
    await expect(index.search({ query: '   ' })).rejects.toMatchObject({ code: 'SEARCH_INVALID_QUERY' });
    await expect(index.search({ query: 'x', mode: 'fuzzy' as never })).rejects.toMatchObject({ code: 'SEARCH_INVALID_MODE' });
  });

  it('applies filters before ranking: an excluded document never takes a slot', async () => {
    const index = await built();
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      const { results } = await index.search({ query: 'paper jam E42', maxResults: 2, mode, filters: { product_model: 'HX-300' } });
      expect(results.map((r) => r.id).sort(), mode).toEqual(['kb-2', 'kb-5']);
    }
    const any = await index.search({ query: 'printer', maxResults: 50, mode: 'bm25', filters: { doc_type: ['faq', 'manual'] } });
    expect(any.results.map((r) => r.id).sort()).toEqual(['kb-3', 'kb-4']);
    const none = await index.search({ query: 'paper', filters: { error_code: 'E99' } });
    expect(none.results).toEqual([]);
  });

  it('replaces a document re-ingested under the same id', async () => {
    const index = await built();
    await index.upsert([{ id: 'kb-3', title: 'Cleaning the scanner glass', text: 'Wipe the glass with a soft cloth.' }]);
    expect(index.size).toBe(5);
    const toner = await index.search({ query: 'toner cartridge', mode: 'bm25' });
    expect(toner.results.map((r) => r.id)).not.toContain('kb-3');
    const glass = await index.search({ query: 'scanner glass', maxResults: 1 });
    expect(glass.results[0]).toMatchObject({ id: 'kb-3', title: 'Cleaning the scanner glass', metadata: {} });
  });

  it('removes documents from both sides', async () => {
    const index = await built();
    expect(index.remove('kb-1')).toBe(true);
    expect(index.remove('kb-1')).toBe(false);
    expect(index.size).toBe(4);
    expect(index.has('kb-1')).toBe(false);
    for (const mode of ['bm25', 'vector', 'hybrid'] as const) {
      const { results } = await index.search({ query: 'paper tray sensor E42', maxResults: 50, mode });
      expect(results.map((r) => r.id), mode).not.toContain('kb-1');
    }
  });

  it('validates a whole batch before indexing any of it', async () => {
    const index = await built();
    const bad = [{ id: 'ok', title: 'fine', text: 'fine' }, { id: '', title: 'x', text: 'y' }] as KnowledgeDoc[];
    await expect(index.upsert(bad)).rejects.toMatchObject({ code: 'SEARCH_INVALID_DOCUMENT' });
    await expect(index.upsert([{ id: 'm', title: 't', text: 'x', metadata: { nested: { a: 1 } as never } }])).rejects.toMatchObject({ code: 'SEARCH_INVALID_DOCUMENT' });
    expect(index.has('ok')).toBe(false);
  });

  it('keeps its own copy of a document', async () => {
    const doc = { id: 'd', title: 'Router reset', text: 'Hold the reset button.', metadata: { tags: ['router'] } };
    const index = await built([doc]);
    doc.title = 'changed';
    doc.metadata.tags.push('changed');
    const { results } = await index.search({ query: 'router reset' });
    expect(results[0]).toMatchObject({ title: 'Router reset', metadata: { tags: ['router'] } });
  });

  it('ranks the same whatever the ingestion order', async () => {
    const a = await built(kb);
    const b = await built([...kb].reverse());
    for (const query of ['paper jam', 'printer toner', 'wifi network settings']) {
      expect(await b.rankIds({ query, depth: 5 })).toEqual(await a.rankIds({ query, depth: 5 }));
    }
  });

  it('fits the offline embedder on bulk build and refits after enough change', async () => {
    const index = await built();
    expect(index.stats()).toMatchObject({ documents: 5, fittedOn: 5 });
    await index.upsert([{ id: 'n1', title: 'Fax', text: 'Send a fax.' }, { id: 'n2', title: 'Scan', text: 'Scan to email.' }]);
    expect(index.stats().fittedOn).toBe(5); // 2 of 5 changed: fold in, no refit
    await index.upsert([{ id: 'n3', title: 'Copy', text: 'Make a copy.' }]);
    expect(index.stats().fittedOn).toBe(8); // 3 > 0.5 · 5: refit on all 8
    const { results } = await index.search({ query: 'fax', mode: 'vector', maxResults: 1 });
    expect(results[0]!.id).toBe('n1');
  });

  it('leaves refits to refit() when refitAfter is Infinity', async () => {
    const index = await built(kb, { refitAfter: Infinity });
    await index.upsert(Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, title: `Extra ${i}`, text: 'more text' })));
    expect(index.stats().fittedOn).toBe(5);
    index.refit();
    expect(index.stats().fittedOn).toBe(15);
  });

  it('runs BM25 only without an embedder, and refuses vector mode', async () => {
    const index = await built(kb, { embedder: null });
    const res = await index.search({ query: 'paper jam' });
    expect(res.mode).toBe('bm25');
    expect(res.results[0]!.id).toMatch(/kb-[12]/);
    await expect(index.search({ query: 'paper', mode: 'vector' })).rejects.toMatchObject({ code: 'SEARCH_VECTOR_UNAVAILABLE' });
    expect(index.stats().dimensions).toBe(0);
  });

  it('searches Japanese product titles and filters on product metadata', async () => {
    const catalog: KnowledgeDoc[] = [
      { id: 'p1', title: 'ワンピース 107', text: '海賊王を目指すルフィの冒険。少年漫画。', metadata: { genre: ['shonen', 'adventure'], language: 'ja' } },
      { id: 'p2', title: 'One Piece, Vol. 107', text: 'Luffy sails on. English edition.', metadata: { genre: ['shonen', 'adventure'], language: 'en' } },
      { id: 'p3', title: '進撃の巨人 34', text: '巨人との最終決戦。', metadata: { genre: ['shonen', 'dark fantasy'], language: 'ja' } },
    ];
    const index = await built(catalog);
    expect((await index.search({ query: 'ワンピース', maxResults: 1 })).results[0]).toMatchObject({ id: 'p1', snippet: expect.any(String) });
    const ja = await index.search({ query: '巨人', filters: { language: 'ja', genre: 'dark fantasy' } });
    expect(ja.results.map((r) => r.id)).toEqual(['p3']);
    expect(ja.results[0]!.snippet).toBe('<mark>巨人</mark>との最終決戦。');
    const en = await index.search({ query: 'one piece', filters: { language: 'en' }, mode: 'bm25' });
    expect(en.results.map((r) => r.id)).toEqual(['p2']);
  });

  it('rankIds can override fusion and RM3 for one call', async () => {
    const index = await built();
    const minmax = await index.rankIds({ query: 'paper jam', depth: 3 });
    const rrf = await index.rankIds({ query: 'paper jam', depth: 3, tuning: { fusion: { method: 'rrf' } } });
    expect(minmax[0]!.score).toBeGreaterThan(0.5); // min–max: the best of both sides scores near 1
    expect(rrf[0]!.score).toBeLessThanOrEqual(2 / 61 + 1e-12); // RRF: at most 1/61 from each list
  });

  it('RM3 expands the query with terms of the top documents', async () => {
    // RM3 ignores terms in over 10 % of documents, so the corpus needs some bulk.
    const filler = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, title: 'Filler', text: `filler page ${i}` }));
    const recycling = { id: 'kb-6', title: 'Recycling', text: 'Return used cartridge units for recycling.' };
    const index = await built([...kb, ...filler, recycling], { embedder: null });
    const plain = await index.rankIds({ query: 'toner', mode: 'bm25', depth: 10 });
    const rm3 = await index.rankIds({ query: 'toner', mode: 'bm25', depth: 10, tuning: { rm3: { fbDocs: 1, fbTerms: 5, originalQueryWeight: 0.5 } } });
    expect(plain.map((r) => r.id)).toEqual(['kb-3']);
    expect(rm3[0]!.id).toBe('kb-3');
    expect(rm3.map((r) => r.id)).toContain('kb-6'); // "cartridge" came from kb-3
  });

  it('rankIds goes deeper than 50 and validates its depth', async () => {
    const docs = Array.from({ length: 120 }, (_, i) => ({ id: `d${String(i).padStart(3, '0')}`, title: `Article ${i}`, text: `common words and token${i}` }));
    const index = await built(docs, { embedder: null });
    expect(await index.rankIds({ query: 'common', depth: 100 })).toHaveLength(100);
    await expect(index.rankIds({ query: 'common', depth: 1001 })).rejects.toMatchObject({ code: 'SEARCH_INVALID_MAX_RESULTS' });
  });
});

describe('KnowledgeIndex with a provider embedder', () => {
  it('embeds title and text on upsert and the query on search', async () => {
    const embedder = new LetterEmbedder();
    const index = await built(kb.slice(0, 2), { embedder });
    expect(embedder.calls[0]).toEqual(['Printer paper jam\nError E42: the paper tray sensor failed. Open the tray and remove the jammed paper.', expect.stringContaining('HX-300')]);
    const res = await index.search({ query: 'paper jam', mode: 'vector', maxResults: 2 });
    expect(embedder.calls[1]).toEqual(['paper jam']);
    expect(res.results).toHaveLength(2);
  });

  it('falls back to BM25 in hybrid mode when the provider fails, and says so', async () => {
    const embedder = new LetterEmbedder();
    const index = await built(kb, { embedder });
    embedder.embed = async () => {
      throw new Error('throttled');
    };
    const res = await index.search({ query: 'toner' });
    expect(res.mode).toBe('bm25');
    expect(res.degraded).toMatchObject({ code: 'SEARCH_EMBEDDING_FAILED' });
    expect(res.results[0]!.id).toBe('kb-3');
    await expect(index.search({ query: 'toner', mode: 'vector' })).rejects.toMatchObject({ code: 'SEARCH_EMBEDDING_FAILED', status: 503 });
  });

  it('rejects an upsert whose embeddings fail or have the wrong shape, indexing nothing', async () => {
    const failing: Embedder = { dimensions: 2, embed: async () => Promise.reject(new Error('down')) };
    const a = new KnowledgeIndex({ embedder: failing });
    await expect(a.upsert(kb)).rejects.toMatchObject({ code: 'SEARCH_EMBEDDING_FAILED', name: 'RetryableError' });
    expect(a.size).toBe(0);
    const wrong: Embedder = { dimensions: 3, embed: async (t) => t.map(() => [1, 2]) };
    const b = new KnowledgeIndex({ embedder: wrong });
    await expect(b.upsert(kb)).rejects.toMatchObject({ code: 'SEARCH_EMBEDDING_SHAPE', name: 'PermanentError' });
    expect(b.size).toBe(0);
  });

  it('lets the last upsert or remove of an id win when embeddings resolve out of order', async () => {
    const embedder = new ManualEmbedder();
    const index = new KnowledgeIndex({ embedder });
    const first = index.upsert([{ id: 'a', title: 'old', text: 'old text' }]);
    const second = index.upsert([{ id: 'a', title: 'new', text: 'new text' }]);
    await flush();
    embedder.waiting[1]!.resolve([[0, 1]]);
    await second;
    embedder.waiting[0]!.resolve([[1, 0]]);
    await first;
    const res = await index.search({ query: 'text', mode: 'bm25' });
    expect(res.results.map((r) => r.title)).toEqual(['new']);

    const third = index.upsert([{ id: 'b', title: 'gone', text: 'soon removed' }]);
    await flush();
    index.remove('b');
    embedder.waiting[2]!.resolve([[1, 1]]);
    await third;
    expect(index.has('b')).toBe(false);
  });
});
