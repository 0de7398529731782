import { tokenizeSpans } from '../analysis/tokenize.ts';
import { GramCounter } from './gram-counter.ts';

export interface HashedNgramOptions {
  /** Output dimensions (hash buckets). */
  dimensions: number;
  minN: number;
  maxN: number;
  /** Estimate document frequencies from at most this many documents (evenly spaced). */
  maxFitDocs: number;
}

const DF_BITS = 20;
const DF_MASK = (1 << DF_BITS) - 1;

/**
 * Character n-grams of every word (padded `<word>`, so prefixes and suffixes
 * are features of their own), hashed into a fixed number of signed buckets —
 * the "hashing trick" (Weinberger et al., ICML 2009) over fastText-style
 * subwords. It matches morphology stemming misses (`immunological` vs
 * `immunology`), chemical and gene names, and Japanese runs, with no
 * vocabulary. Weights are (1 + ln tf) · idf, document frequencies counted per
 * gram hash (2^20 counters) over (a sample of) the fitted corpus.
 */
export class HashedNgramModel {
  /** idf per gram-hash bucket; before any fit every gram weighs ln 2. */
  private idf = new Float32Array(1 << DF_BITS).fill(Math.LN2);
  private readonly counter = new GramCounter();

  constructor(private readonly options: HashedNgramOptions) {}

  /** Reset the document frequencies to those of `texts`. */
  fit(texts: readonly string[]): void {
    const sample = evenlySpaced(texts, this.options.maxFitDocs);
    const df = new Uint32Array(1 << DF_BITS);
    for (const text of sample) {
      this.count(text);
      this.counter.forEach((h) => df[h & DF_MASK]!++);
    }
    // Unseen grams get the highest idf; grams in (nearly) every document get none.
    const idf = new Float32Array(1 << DF_BITS);
    for (let b = 0; b < idf.length; b++) idf[b] = Math.max(0, Math.log((sample.length + 1) / (df[b]! + 0.5)));
    this.idf = idf;
  }

  /** Write the weighted, hashed vector of `text` into `out[offset…offset+dimensions)`, scaled to length `scale`. */
  vectorInto(text: string, out: Float32Array, offset: number, scale: number): void {
    const d = this.options.dimensions;
    const v = new Float64Array(d);
    this.count(text);
    this.counter.forEach((h, c) => {
      const idf = this.idf[h & DF_MASK]!;
      if (idf === 0) return;
      const w = c === 1 ? idf : (1 + Math.log(c)) * idf;
      v[(h >>> 1) % d]! += h & 1 ? -w : w;
    });
    let norm = 0;
    for (let i = 0; i < d; i++) norm += v[i]! * v[i]!;
    if (norm === 0) return;
    const k = scale / Math.sqrt(norm);
    for (let i = 0; i < d; i++) out[offset + i] = v[i]! * k;
  }

  /** Count every gram hash of `text` into the (cleared) counter. */
  private count(text: string): void {
    const { minN, maxN } = this.options;
    const counter = this.counter;
    counter.clear();
    for (const span of tokenizeSpans(text)) {
      let word = span.text.toLowerCase();
      if (/[^\x00-\x7f]/.test(word)) word = word.normalize('NFKC').toLowerCase();
      const padded = `<${word}>`;
      for (let i = 0; i < padded.length; i++) {
        let h = 0x811c9dc5;
        for (let len = 1; len <= maxN && i + len <= padded.length; len++) {
          h = Math.imul(h ^ padded.charCodeAt(i + len - 1), 0x01000193);
          if (len >= minN) counter.add(mix(h ^ len));
        }
      }
    }
  }
}

/** murmur3's 32-bit finaliser: spreads FNV's weak low bits before bucketing. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function evenlySpaced<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor((i * items.length) / max)]!);
  return out;
}
