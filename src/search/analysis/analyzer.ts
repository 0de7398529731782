import { stemmer } from 'stemmer';
import { ENGLISH_STOPWORDS } from './stopwords.ts';
import { tokenizeSpans, type Span } from './tokenize.ts';

/** One indexed term and where it came from in the original text. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

export interface AnalyzerOptions {
  /** Words dropped after lowercasing; `false` keeps everything. Default: Lucene's English set. */
  stopwords?: readonly string[] | false;
  /** Porter-stem ASCII words (default true). */
  stem?: boolean;
}

const WORD_CACHE_LIMIT = 200_000;
const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;
const ASCII_WORD = /^[a-z]+$/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Text → terms: NFKC + lowercase, Latin diacritics folded (`pokémon` finds
 * `pokemon`), English possessive `'s` dropped, stop words removed, Porter stems
 * for ASCII words, thousands separators removed from numbers, and CJK runs cut
 * into overlapping character bigrams (a lone character stays a unigram) — the
 * CJKAnalyzer approach, which needs no dictionary and finds Japanese words of any
 * length by their bigrams.
 */
export class Analyzer {
  private readonly stop: ReadonlySet<string>;
  private readonly stem: boolean;
  /** Raw word → term. Porter stemming is regex-heavy and words repeat, so bulk indexing mostly hits this. */
  private readonly words = new Map<string, string>();

  constructor(options: AnalyzerOptions = {}) {
    this.stop = new Set(options.stopwords === false ? [] : (options.stopwords ?? ENGLISH_STOPWORDS));
    this.stem = options.stem ?? true;
  }

  /** Terms only, in order — the indexing fast path. */
  terms(text: string): string[] {
    return this.tokens(text).map((t) => t.term);
  }

  /** Terms with their offsets in `text`. */
  tokens(text: string): Token[] {
    const out: Token[] = [];
    for (const span of tokenizeSpans(text)) {
      if (span.kind === 'cjk') this.pushBigrams(span, out);
      else {
        const term = span.kind === 'number' ? normalizeNumber(span.text) : this.word(span.text);
        if (term !== '') out.push({ term, start: span.start, end: span.end });
      }
    }
    return out;
  }

  private word(raw: string): string {
    let term = this.words.get(raw);
    if (term === undefined) {
      if (this.words.size >= WORD_CACHE_LIMIT) this.words.clear();
      term = this.normalizeWord(raw);
      this.words.set(raw, term);
    }
    return term;
  }

  private normalizeWord(raw: string): string {
    let word = raw.toLowerCase();
    // NFKC and diacritic folding are identities on ASCII, which is most text.
    if (NON_ASCII.test(word)) {
      word = word.normalize('NFKC').toLowerCase().replace(/\u2019/g, "'");
      if (NON_ASCII.test(word)) word = word.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
    }
    if (word.endsWith("'s")) word = word.slice(0, -2);
    if (word === '' || this.stop.has(word)) return '';
    return this.stem && ASCII_WORD.test(word) ? stemmer(word) : word;
  }

  private pushBigrams(span: Span, out: Token[]): void {
    const chars = Array.from(span.text.normalize('NFKC'));
    // Offsets map one-to-one only when normalisation kept every character
    // (half-width kana with voicing marks merge); otherwise the whole run is the offset.
    const raw = Array.from(span.text);
    const starts: number[] = [];
    let pos = span.start;
    for (const c of raw) {
      starts.push(pos);
      pos += c.length;
    }
    starts.push(span.end);
    const aligned = raw.length === chars.length;
    if (chars.length === 1) {
      out.push({ term: chars[0]!, start: span.start, end: span.end });
      return;
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      const start = aligned ? starts[i]! : span.start;
      const end = aligned ? starts[i + 2]! : span.end;
      out.push({ term: chars[i]! + chars[i + 1]!, start, end });
    }
  }
}

function normalizeNumber(raw: string): string {
  const n = raw.normalize('NFKC');
  return THOUSANDS.test(n) ? n.replace(/,/g, '') : n;
}
