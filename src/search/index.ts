/**
 * Knowledge-base search: BM25F + vector similarity, fused, with metadata
 * filters applied before ranking and highlighted snippets. See README.md.
 */
export { KnowledgeIndex, type IndexStats, type RankRequest } from './knowledge-index.ts';
export type { KnowledgeIndexOptions, FusionMethod } from './options.ts';
export type {
  CorpusEmbedder,
  Embedder,
  KnowledgeDoc,
  MetadataScalar,
  MetadataValue,
  RankedId,
  SearchFilters,
  SearchMode,
  SearchRequest,
  SearchResponse,
  SearchResult,
} from './types.ts';
export { isCorpusEmbedder } from './types.ts';
export { SEARCH_CODES, type SearchCode } from './errors.ts';
export { OfflineEmbedder, type OfflineEmbedderOptions } from './vector/offline-embedder.ts';
export { Analyzer, type AnalyzerOptions, type Token } from './analysis/analyzer.ts';
export type { FieldMode } from './lexical/bm25.ts';
export type { Rm3Options } from './lexical/rm3.ts';
export { evaluateRun, ndcgAt, recallAt, parseQrels, type Qrels, type Judgments, type RunScores } from './eval.ts';
export { MAX_RESULTS_LIMIT, DEFAULT_MAX_RESULTS } from './validate.ts';
export { snippetText } from './snippet.ts';

import { KnowledgeIndex } from './knowledge-index.ts';
import type { KnowledgeIndexOptions } from './options.ts';

/** The factory the composition root calls. */
export function createKnowledgeIndex(options: KnowledgeIndexOptions = {}): KnowledgeIndex {
  return new KnowledgeIndex(options);
}
