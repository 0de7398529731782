import type { AnalyzerOptions } from './analysis/analyzer.ts';
import type { FieldMode } from './lexical/bm25.ts';
import type { Rm3Options } from './lexical/rm3.ts';
import type { Embedder } from './types.ts';
import { OfflineEmbedder } from './vector/offline-embedder.ts';

export type FusionMethod = 'minmax' | 'rrf';

export interface KnowledgeIndexOptions {
  analyzer?: AnalyzerOptions;
  bm25?: {
    /** Default 0.9 (Anserini's BEIR setting). */
    k1?: number;
    /** Default 0.4. */
    b?: number;
    /** Title term frequency and length multiplier (default 2). */
    titleWeight?: number;
    /** Default `bm25f` — measured better than `per-field` on SciFact. */
    fieldMode?: FieldMode;
  };
  /** The vector side; default: a fresh `OfflineEmbedder`. `null` turns vectors off (BM25 only). */
  embedder?: Embedder | null;
  fusion?: {
    /** Default `minmax` (normalised-score fusion); `rrf` is reciprocal rank fusion. */
    method?: FusionMethod;
    /** minmax: share of the fused score from the vector side (default 0.4). rrf: weight of the vector list (default 1). */
    vectorWeight?: number;
    /** RRF's k (default 60). */
    rrfK?: number;
    /** Candidates taken from each side before fusing (default 100; 1000 measured no better on SciFact and costs more). */
    candidates?: number;
  };
  /** RM3 expansion of the BM25 side; off by default (it lowered nDCG@10 on SciFact). */
  rm3?: Rm3Options | false;
  /**
   * Refit a corpus-trained embedder once this share of documents changed since
   * its last fit (default 0.5; `Infinity` leaves refits to `refit()`). New
   * documents are folded into the current model in the meantime.
   */
  refitAfter?: number;
  /** Snippet length in characters (default 200). */
  snippetChars?: number;
}

export interface ResolvedOptions {
  analyzer: AnalyzerOptions;
  bm25: { k1: number; b: number; fieldWeights: readonly number[]; fieldMode: FieldMode };
  embedder: Embedder | null;
  fusion: { method: FusionMethod; vectorWeight: number; rrfK: number; candidates: number };
  rm3: Rm3Options | false;
  refitAfter: number;
  snippetChars: number;
}

export function resolveOptions(o: KnowledgeIndexOptions = {}): ResolvedOptions {
  const method = o.fusion?.method ?? 'minmax';
  return {
    analyzer: o.analyzer ?? {},
    bm25: {
      k1: o.bm25?.k1 ?? 0.9,
      b: o.bm25?.b ?? 0.4,
      fieldWeights: [o.bm25?.titleWeight ?? 2, 1],
      fieldMode: o.bm25?.fieldMode ?? 'bm25f',
    },
    embedder: o.embedder === undefined ? new OfflineEmbedder() : o.embedder,
    fusion: {
      method,
      vectorWeight: o.fusion?.vectorWeight ?? (method === 'minmax' ? 0.4 : 1),
      rrfK: o.fusion?.rrfK ?? 60,
      candidates: o.fusion?.candidates ?? 100,
    },
    rm3: o.rm3 ?? false,
    refitAfter: o.refitAfter ?? 0.5,
    snippetChars: o.snippetChars ?? 200,
  };
}
