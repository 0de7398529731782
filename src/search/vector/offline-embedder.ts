import { Analyzer } from '../analysis/analyzer.ts';
import type { CorpusEmbedder } from '../types.ts';
import { HashedNgramModel } from './hashed-ngrams.ts';
import { LsaModel } from './lsa.ts';

export interface OfflineEmbedderOptions {
  /** LSA dimensions (default 128). */
  lsaRank?: number;
  /** Hashed character n-gram dimensions (default 512). */
  ngramDimensions?: number;
  /** n-gram lengths (default 3…5). */
  ngramRange?: readonly [number, number];
  /** Share of the cosine that comes from the LSA part, 0…1 (default 0.5). */
  lsaShare?: number;
  /** SVD power iterations (default 0: measured no better for retrieval, and each costs two sparse products). */
  powerIterations?: number;
  /** Fit LSA and the n-gram document frequencies on at most this many documents, evenly spaced (default 5000). */
  maxFitDocs?: number;
  seed?: number;
}

/**
 * The deterministic, network-free embedder: the concatenation of an LSA vector
 * (corpus co-occurrence, words) and a hashed character n-gram vector (subword
 * overlap), each unit length and scaled by √share, so the cosine of two
 * embeddings is lsaShare·cos_lsa + (1 − lsaShare)·cos_ngram. Both halves are
 * learned from the corpus at `fit` and nothing else: same corpus, same vectors,
 * on any machine. No qrels, no pretrained weights.
 *
 * An instance belongs to one index: fitting re-learns its model, so sharing it
 * between two indexes would leave one index's stored vectors in the other's space.
 */
export class OfflineEmbedder implements CorpusEmbedder {
  readonly dimensions: number;
  private readonly analyzer = new Analyzer();
  private readonly lsa: LsaModel;
  private readonly ngrams: HashedNgramModel;
  private readonly lsaScale: number;
  private readonly ngramScale: number;

  constructor(options: OfflineEmbedderOptions = {}) {
    const rank = options.lsaRank ?? 128;
    const ngramDims = options.ngramDimensions ?? 512;
    const [minN, maxN] = options.ngramRange ?? [3, 5];
    const share = options.lsaShare ?? 0.5;
    this.lsa = new LsaModel({
      rank,
      powerIterations: options.powerIterations ?? 0,
      minDf: 2,
      maxDfRatio: 0.5,
      maxFitDocs: options.maxFitDocs ?? 5000,
      seed: options.seed ?? 0x5eed,
    });
    this.ngrams = new HashedNgramModel({ dimensions: ngramDims, minN, maxN, maxFitDocs: options.maxFitDocs ?? 5000 });
    this.dimensions = rank + ngramDims;
    this.lsaScale = Math.sqrt(share);
    this.ngramScale = Math.sqrt(1 - share);
  }

  fit(texts: readonly string[]): Float32Array[] {
    const terms = texts.map((t) => this.analyzer.terms(t));
    this.lsa.fit(terms);
    this.ngrams.fit(texts);
    return texts.map((t, i) => this.compose(terms[i]!, t));
  }

  embedSync(texts: readonly string[]): Float32Array[] {
    return texts.map((t) => this.compose(this.analyzer.terms(t), t));
  }

  async embed(texts: string[]): Promise<number[][]> {
    return this.embedSync(texts).map((v) => Array.from(v));
  }

  private compose(terms: readonly string[], text: string): Float32Array {
    const out = new Float32Array(this.dimensions);
    this.lsa.vectorInto(terms, out, 0, this.lsaScale);
    this.ngrams.vectorInto(text, out, this.lsa.dimensions, this.ngramScale);
    return out;
  }
}
