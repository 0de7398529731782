/**
 * Ports and domain types of knowledge-base search. The store stays outside:
 * callers hand documents in (on start and on ingest) and get ranked results out.
 */
export type MetadataScalar = string | number | boolean;
export type MetadataValue = MetadataScalar | readonly MetadataScalar[] | null;

/** A searchable document: a KB article, or a catalogue product for MangaAssist. */
export interface KnowledgeDoc {
  id: string;
  title: string;
  /** The body: article text, or synopsis + tags for a product. */
  text: string;
  /** Filterable attributes (`product_model`, `error_code`, `doc_type`, `genre`, `language`, …). */
  metadata?: Readonly<Record<string, MetadataValue>>;
}

/**
 * Metadata constraints, ANDed across keys. A scalar means equality (or
 * membership when the document's value is a list); an array means any-of; an
 * empty array or `undefined` means no constraint. Support Desk's conventional
 * keys are `product_model`, `error_code` and `doc_type` (usually an array).
 */
export type SearchFilters = Readonly<Record<string, MetadataScalar | readonly MetadataScalar[] | undefined>>;

export type SearchMode = 'hybrid' | 'bm25' | 'vector';

export interface SearchRequest {
  query: string;
  filters?: SearchFilters;
  /** 1…50, default 5. */
  maxResults?: number;
  /** Default `hybrid` (or `bm25` when no embedder is configured). */
  mode?: SearchMode;
}

export interface SearchResult {
  id: string;
  title: string;
  /** HTML: escaped text with `<mark>` around matched terms. */
  snippet: string;
  score: number;
  metadata: Readonly<Record<string, MetadataValue>>;
}

export interface SearchResponse {
  results: SearchResult[];
  /** The mode that actually ran. */
  mode: SearchMode;
  /** Set when hybrid fell back to BM25 because the embedder failed. */
  degraded?: { code: string; message: string };
}

/** Ranked ids without snippets, to any depth: for evaluation and re-ranking. */
export interface RankedId {
  id: string;
  score: number;
}

/**
 * The embedding port. A provider (Bedrock Titan, an OpenAI-compatible server,
 * …) supplies one; vectors need not be normalised (the index normalises).
 */
export interface Embedder {
  readonly dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}

/**
 * An embedder that learns from the indexed corpus itself and runs in-process.
 * The index fits it on bulk build and again when the corpus has changed enough,
 * and calls `embedSync` so that fitting and re-embedding happen without an
 * await in between.
 */
export interface CorpusEmbedder extends Embedder {
  /** Learn the model from these texts (deterministic for the same input) and return their vectors, in order. */
  fit(texts: readonly string[]): Float32Array[];
  /** Unit-length vectors (or all-zero when nothing is known about a text). */
  embedSync(texts: readonly string[]): Float32Array[];
}

export function isCorpusEmbedder(e: Embedder): e is CorpusEmbedder {
  return typeof (e as Partial<CorpusEmbedder>).fit === 'function' && typeof (e as Partial<CorpusEmbedder>).embedSync === 'function';
}
