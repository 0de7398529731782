/**
 * Splits raw text into spans before any normalisation, so every term keeps the
 * offsets of the original string (the snippet highlighter needs them).
 *
 * Three kinds of span:
 * - `cjk`: a run of Han / kana / Hangul (incl. the prolonged-sound mark and
 *   half-width kana), later cut into character bigrams as Lucene's CJKAnalyzer does;
 * - `number`: digits with inner `.` or `,` (`1,000`, `3.5`) kept whole;
 * - `word`: letters, digits and marks of every other script, with inner apostrophes.
 * Everything else (spaces, punctuation, hyphens, symbols) separates spans.
 */
export type SpanKind = 'word' | 'number' | 'cjk';

export interface Span {
  kind: SpanKind;
  text: string;
  start: number;
  end: number;
}

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u30fc\\uff70-\\uff9f';
const WORD_CHAR = `(?:[^\\P{L}${CJK_CLASS}]|[\\p{N}\\p{M}])`;
const SPAN_SOURCE =
  `([${CJK_CLASS}]+)` +
  '|(\\p{N}+(?:[.,]\\p{N}+)+)' +
  `|(${WORD_CHAR}+(?:['\\u2019]${WORD_CHAR}+)*)`;

export function tokenizeSpans(text: string): Span[] {
  // A fresh RegExp per call: a shared /g regex carries `lastIndex` state.
  const re = new RegExp(SPAN_SOURCE, 'gu');
  const spans: Span[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const kind: SpanKind = m[1] !== undefined ? 'cjk' : m[2] !== undefined ? 'number' : 'word';
    spans.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
