import { PermanentError, RetryableError, ValidationError, describeError } from '../kernel/index.ts';
import { Analyzer } from './analysis/analyzer.ts';
import type { MetadataPredicate } from './filters.ts';
import { scoreBm25 } from './lexical/bm25.ts';
import { InvertedIndex } from './lexical/inverted-index.ts';
import { rm3Expand, type Rm3Options } from './lexical/rm3.ts';
import { resolveOptions, type KnowledgeIndexOptions, type ResolvedOptions } from './options.ts';
import { Accumulator } from './rank/accumulator.ts';
import { normalizedScoreFusion, reciprocalRankFusion } from './rank/fusion.ts';
import type { Scored } from './rank/top-k.ts';
import { SlotTable } from './slots.ts';
import { buildSnippet } from './snippet.ts';
import {
  isCorpusEmbedder,
  type CorpusEmbedder,
  type Embedder,
  type KnowledgeDoc,
  type MetadataValue,
  type RankedId,
  type SearchFilters,
  type SearchMode,
  type SearchRequest,
  type SearchResponse,
} from './types.ts';
import { checkDoc, checkRequest } from './validate.ts';
import { VectorStore } from './vector/vector-store.ts';

const MAX_RANK_DEPTH = 1000;
const EMPTY_METADATA: Readonly<Record<string, MetadataValue>> = Object.freeze({});

type Tuning = Pick<ResolvedOptions, 'fusion' | 'rm3'>;

export interface RankRequest {
  query: string;
  filters?: SearchFilters;
  mode?: SearchMode;
  /** 1…1000. */
  depth: number;
  tuning?: { fusion?: Partial<ResolvedOptions['fusion']>; rm3?: Rm3Options | false };
}

export interface IndexStats {
  documents: number;
  vocabulary: number;
  dimensions: number;
  /** Documents the corpus-trained embedder was last fitted on (0: never, or not corpus-trained). */
  fittedOn: number;
}

/**
 * The knowledge-base index: BM25F over title and text, cosine over embeddings,
 * fused. All of it in memory; the caller rebuilds it from the store on start
 * and keeps it current with `upsert`/`remove` on ingest.
 *
 * Consistency: every mutation and every ranking runs synchronously after the
 * one await (the embedding call), so a search sees the index either before or
 * after an upsert, never half of it. With a provider embedder, concurrent
 * upserts and removes of one id resolve as "last call wins".
 */
export class KnowledgeIndex {
  private readonly o: ResolvedOptions;
  private readonly analyzer: Analyzer;
  private readonly slots = new SlotTable();
  private readonly lexical = new InvertedIndex(2);
  private readonly vectors: VectorStore | undefined;
  private readonly docs: (KnowledgeDoc | undefined)[] = [];
  private readonly acc = new Accumulator();
  /** id → ticket of the newest upsert still waiting for its embeddings. */
  private readonly pending = new Map<string, number>();
  private ticket = 0;
  private fittedOn = 0;
  private changedSinceFit = 0;
  private readonly before = (a: number, b: number): boolean => this.slots.idOf(a)! < this.slots.idOf(b)!;

  constructor(options: KnowledgeIndexOptions = {}) {
    this.o = resolveOptions(options);
    this.analyzer = new Analyzer(this.o.analyzer);
    this.vectors = this.o.embedder === null ? undefined : new VectorStore(this.o.embedder.dimensions);
  }

  get size(): number {
    return this.slots.size;
  }

  has(id: string): boolean {
    return this.slots.slotOf(id) !== undefined;
  }

  stats(): IndexStats {
    return {
      documents: this.slots.size,
      vocabulary: this.lexical.vocabularySize,
      dimensions: this.vectors?.dimensions ?? 0,
      fittedOn: this.fittedOn,
    };
  }

  /** Add documents, or replace those whose id is already indexed. Rejects without changing anything if embedding fails. */
  async upsert(docs: readonly KnowledgeDoc[]): Promise<void> {
    const batch = new Map<string, KnowledgeDoc>();
    for (const doc of docs) {
      checkDoc(doc);
      batch.set(doc.id, doc); // a repeated id in one batch: the last copy wins
    }
    const unique = [...batch.values()];
    const embedder = this.o.embedder;
    if (embedder === null) {
      for (const doc of unique) this.apply(doc, undefined);
    } else if (isCorpusEmbedder(embedder)) {
      this.upsertFitted(unique, embedder);
    } else {
      await this.upsertEmbedded(unique, embedder);
    }
  }

  /** Remove a document; true if it was indexed. Also cancels an in-flight upsert of the same id. */
  remove(id: string): boolean {
    this.pending.delete(id);
    if (!this.drop(id)) return false;
    this.changedSinceFit++;
    return true;
  }

  /** Ranked results with highlighted snippets; filters apply before ranking. */
  async search(req: SearchRequest): Promise<SearchResponse> {
    const checked = checkRequest(req, this.defaultMode());
    const { mode, degraded, queryVector } = await this.prepareQuery(checked.query, checked.mode);
    const ranked = this.rank(checked.query, mode, queryVector, checked.predicate, checked.maxResults, this.o);
    const matchTerms = new Set(this.analyzer.terms(checked.query));
    const results = ranked.map(({ slot, score }) => {
      const doc = this.docs[slot]!;
      const body = doc.text === '' ? doc.title : doc.text;
      const snippet = buildSnippet(body, this.analyzer.tokens(body), matchTerms, this.o.snippetChars);
      return { id: doc.id, title: doc.title, snippet, score, metadata: doc.metadata ?? EMPTY_METADATA };
    });
    return degraded === undefined ? { results, mode } : { results, mode, degraded };
  }

  /**
   * Ids and scores to any depth (≤ 1000), without snippets — for evaluation
   * and re-ranking. `tuning` overrides the fusion and RM3 settings for this
   * call only, so one built index can be measured under several of them.
   */
  async rankIds(req: RankRequest): Promise<RankedId[]> {
    const depth = req.depth;
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_RANK_DEPTH) {
      throw new ValidationError('SEARCH_INVALID_MAX_RESULTS', `depth must be an integer from 1 to ${MAX_RANK_DEPTH}`);
    }
    const checked = checkRequest({ query: req.query, filters: req.filters, mode: req.mode, maxResults: 1 }, this.defaultMode());
    const { mode, queryVector } = await this.prepareQuery(checked.query, checked.mode);
    const tuning: Tuning = { fusion: { ...this.o.fusion, ...req.tuning?.fusion }, rm3: req.tuning?.rm3 ?? this.o.rm3 };
    return this.rank(checked.query, mode, queryVector, checked.predicate, depth, tuning).map(({ slot, score }) => ({
      id: this.slots.idOf(slot)!,
      score,
    }));
  }

  private defaultMode(): SearchMode {
    return this.vectors === undefined ? 'bm25' : 'hybrid';
  }

  private async prepareQuery(
    query: string,
    mode: SearchMode,
  ): Promise<{ mode: SearchMode; queryVector?: ArrayLike<number>; degraded?: { code: string; message: string } }> {
    if (mode === 'bm25') return { mode };
    const embedder = this.o.embedder;
    if (embedder === null) throw new ValidationError('SEARCH_VECTOR_UNAVAILABLE', `mode ${mode} needs an embedder; none is configured`);
    try {
      const queryVector = isCorpusEmbedder(embedder) ? embedder.embedSync([query])[0]! : (await this.embedRemote(embedder, [query]))[0]!;
      return { mode, queryVector };
    } catch (err) {
      // Hybrid still has a useful lexical answer; vector-only has none.
      if (mode === 'vector') throw err;
      return { mode: 'bm25', degraded: describeError(err) };
    }
  }

  /** Synchronous from here on: one consistent view of the index. */
  private rank(
    query: string,
    mode: SearchMode,
    queryVector: ArrayLike<number> | undefined,
    predicate: MetadataPredicate | undefined,
    depth: number,
    tuning: Tuning,
  ): Scored[] {
    const allowed = predicate === undefined ? undefined : this.allowedSlots(predicate);
    if (mode === 'bm25') return this.rankLexical(query, depth, allowed, tuning.rm3);
    if (mode === 'vector') return this.vectors!.search(queryVector!, depth, this.before, allowed);
    const { method, vectorWeight, rrfK, candidates } = tuning.fusion;
    const n = Math.max(depth, candidates);
    const lists = [this.rankLexical(query, n, allowed, tuning.rm3), this.vectors!.search(queryVector!, n, this.before, allowed)];
    const fused =
      method === 'rrf'
        ? reciprocalRankFusion(lists, this.before, rrfK, [1, vectorWeight])
        : normalizedScoreFusion(lists, this.before, [1 - vectorWeight, vectorWeight]);
    return fused.slice(0, depth);
  }

  private rankLexical(query: string, depth: number, allowed: Uint8Array | undefined, rm3: Rm3Options | false): Scored[] {
    const terms = new Map<string, number>();
    for (const t of this.analyzer.terms(query)) terms.set(t, (terms.get(t) ?? 0) + 1);
    const first = this.scoreLexical(terms, rm3 === false ? depth : Math.max(depth, rm3.fbDocs), allowed);
    if (rm3 === false) return first;
    return this.scoreLexical(rm3Expand(this.lexical, terms, first, rm3), depth, allowed);
  }

  private scoreLexical(terms: ReadonlyMap<string, number>, depth: number, allowed: Uint8Array | undefined): Scored[] {
    this.acc.reset(this.slots.capacity);
    scoreBm25(this.lexical, terms, this.o.bm25, this.acc, allowed);
    return this.acc.top(depth, this.before);
  }

  private allowedSlots(predicate: MetadataPredicate): Uint8Array {
    const allowed = new Uint8Array(this.slots.capacity);
    for (const slot of this.slots.liveSlots()) if (predicate(this.docs[slot]!.metadata ?? EMPTY_METADATA)) allowed[slot] = 1;
    return allowed;
  }

  /**
   * Refit a corpus-trained embedder on the current documents and re-embed them
   * all. Synchronous and CPU-bound (seconds at 10 000 documents): call it when
   * a pause is acceptable, e.g. from a scheduled job. No-op for other embedders.
   */
  refit(): void {
    const embedder = this.o.embedder;
    if (embedder === null || !isCorpusEmbedder(embedder)) return;
    // The whole corpus in id order, so the model does not depend on ingestion order.
    const all = [...this.slots.liveSlots()].map((s) => this.docs[s]!).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const vectors = embedder.fit(all.map(embeddingText));
    all.forEach((doc, i) => this.vectors!.set(this.slots.slotOf(doc.id)!, vectors[i]!));
    this.fittedOn = all.length;
    this.changedSinceFit = 0;
  }

  private upsertFitted(docs: readonly KnowledgeDoc[], embedder: CorpusEmbedder): void {
    for (const doc of docs) this.apply(doc, undefined);
    this.changedSinceFit += docs.length;
    if (this.fittedOn === 0 || this.changedSinceFit > this.o.refitAfter * this.fittedOn) {
      this.refit();
      return;
    }
    const vectors = embedder.embedSync(docs.map(embeddingText));
    docs.forEach((doc, i) => this.vectors!.set(this.slots.slotOf(doc.id)!, vectors[i]!));
  }

  private async upsertEmbedded(docs: readonly KnowledgeDoc[], embedder: Embedder): Promise<void> {
    const ticket = ++this.ticket;
    for (const doc of docs) this.pending.set(doc.id, ticket);
    let vectors: number[][];
    try {
      vectors = await this.embedRemote(embedder, docs.map(embeddingText));
    } catch (err) {
      for (const doc of docs) if (this.pending.get(doc.id) === ticket) this.pending.delete(doc.id);
      throw err;
    }
    docs.forEach((doc, i) => {
      if (this.pending.get(doc.id) !== ticket) return; // a newer upsert or a remove came after this one
      this.pending.delete(doc.id);
      this.apply(doc, vectors[i]!);
    });
  }

  private async embedRemote(embedder: Embedder, texts: string[]): Promise<number[][]> {
    let vectors: number[][];
    try {
      vectors = await embedder.embed(texts);
    } catch (err) {
      throw new RetryableError('the embedding provider failed', { code: 'SEARCH_EMBEDDING_FAILED', cause: err });
    }
    const ok = Array.isArray(vectors) && vectors.length === texts.length && vectors.every((v) => Array.isArray(v) && v.length === embedder.dimensions);
    if (!ok) {
      throw new PermanentError(`the embedder returned vectors of the wrong shape (expected ${texts.length} × ${embedder.dimensions})`, {
        code: 'SEARCH_EMBEDDING_SHAPE',
        status: 502,
      });
    }
    return vectors;
  }

  private drop(id: string): boolean {
    const slot = this.slots.release(id);
    if (slot === undefined) return false;
    this.lexical.remove(slot);
    this.vectors?.delete(slot);
    this.docs[slot] = undefined;
    return true;
  }

  /** Replace-or-add one document in the lexical side (and the vector side when a vector is given). */
  private apply(doc: KnowledgeDoc, vector: ArrayLike<number> | undefined): void {
    this.drop(doc.id);
    const slot = this.slots.allocate(doc.id);
    this.docs[slot] = snapshot(doc);
    this.lexical.add(slot, [this.analyzer.terms(doc.title), this.analyzer.terms(doc.text)]);
    if (vector !== undefined) this.vectors?.set(slot, vector);
  }
}

/** A private copy, so a caller mutating its object later cannot change what is indexed. */
function snapshot(doc: KnowledgeDoc): KnowledgeDoc {
  if (doc.metadata === undefined) return { id: doc.id, title: doc.title, text: doc.text };
  const metadata: Record<string, MetadataValue> = {};
  for (const [k, v] of Object.entries(doc.metadata)) metadata[k] = Array.isArray(v) ? Object.freeze([...(v as MetadataValue[])]) as MetadataValue : v;
  return { id: doc.id, title: doc.title, text: doc.text, metadata: Object.freeze(metadata) };
}

/** What the embedder sees of a document. */
function embeddingText(doc: KnowledgeDoc): string {
  return doc.title === '' ? doc.text : `${doc.title}\n${doc.text}`;
}
