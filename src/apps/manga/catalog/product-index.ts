import type { Clock } from '../../../kernel/index.ts';
import { createKnowledgeIndex, type KnowledgeDoc, type KnowledgeIndex, type SearchFilters } from '../../../search/index.ts';
import type { Executor } from '../../../store/index.ts';
import type { Product, ProductEmbedder } from '../types.ts';
import { searchText } from './product.ts';
import { catalogueVersion, productsChangedSince } from './repository.ts';

/** A passage of store information (shipping, returns, …) chat may quote. */
export interface InfoPassage {
  id: string;
  title: string;
  text: string;
  language: string;
}

export interface Hit {
  id: string;
  kind: 'product' | 'info';
  title: string;
  snippet: string;
  score: number;
}

/**
 * The catalogue (and store information) in a hybrid BM25 + vector index, kept
 * in memory and rebuilt from the store. Another process (`hashi manga seed`,
 * another replica handling a catalog update) may change products: at most
 * every `refreshMs` a search checks the catalogue's version and loads what
 * changed since.
 */
export class ProductIndex {
  private readonly index: KnowledgeIndex;
  private readonly infoById: ReadonlyMap<string, InfoPassage>;
  private pendingInfo: KnowledgeDoc[];
  private seen = { count: -1, latest: -1 };
  private checkedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly deps: { db: Executor; clock: Clock; embedder: ProductEmbedder; refreshMs: number },
    info: readonly InfoPassage[] = [],
  ) {
    this.index = createKnowledgeIndex({ embedder: deps.embedder });
    this.infoById = new Map(info.map((p) => [p.id, p]));
    this.pendingInfo = info.map((p) => ({ id: p.id, title: p.title, text: p.text, metadata: { kind: 'info', language: p.language } }));
  }

  /** A store-information passage by id, as the model gets it. */
  info(id: string): { id: string; title: string; text: string } | undefined {
    const p = this.infoById.get(id);
    return p ? { id: p.id, title: p.title, text: p.text } : undefined;
  }

  get size(): number {
    return this.index.size;
  }

  /** Indexes products this process has just changed (no need to wait for the refresh). */
  async upsert(products: readonly Product[]): Promise<void> {
    await this.index.upsert(products.map(toDoc));
  }

  async search(query: string, options: { maxResults: number; filters?: SearchFilters }): Promise<Hit[]> {
    await this.refresh();
    const found = await this.index.search({ query, maxResults: options.maxResults, ...(options.filters ? { filters: options.filters } : {}) });
    return found.results.map((r) => ({ id: r.id, kind: r.metadata.kind === 'info' ? 'info' : 'product', title: r.title, snippet: r.snippet, score: r.score }));
  }

  /** Loads what changed in the store since the last look (everything, the first time). */
  async refresh(force = false): Promise<void> {
    const now = this.deps.clock.now();
    if (!force && now - this.checkedAt < this.deps.refreshMs) return;
    this.checkedAt = now;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    await this.loading;
  }

  private async load(): Promise<void> {
    if (this.pendingInfo.length > 0) {
      await this.index.upsert(this.pendingInfo);
      this.pendingInfo = [];
    }
    const version = await catalogueVersion(this.deps.db);
    if (version.count === this.seen.count && version.latest === this.seen.latest) return;
    // `>=`: a change committed in the same millisecond as the last one seen is not missed (re-indexing is idempotent).
    const { products, latest } = await productsChangedSince(this.deps.db, Math.max(this.seen.latest - 1, -1));
    for (let i = 0; i < products.length; i += 200) await this.index.upsert(products.slice(i, i + 200).map(toDoc));
    this.seen = { count: version.count, latest: Math.max(latest, version.latest) };
  }
}

function toDoc(p: Product): KnowledgeDoc {
  return {
    id: p.id,
    title: `${p.title} ${p.volume}`,
    text: searchText(p),
    metadata: { kind: 'product', language: p.language, genre: p.genre, status: p.status, series: p.series ?? '' },
  };
}
