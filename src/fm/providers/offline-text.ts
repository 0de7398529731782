import { stemmer } from 'stemmer';

/**
 * Deterministic text features for the offline model: no dictionaries that
 * change between Node/ICU versions. Latin-script words are lowercased and
 * Porter-stemmed (English stopwords dropped); runs of Japanese/Chinese
 * characters, which have no spaces, become overlapping character bigrams.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

const STOPWORDS = new Set(
  'a an and are as at be but by can do does for from had has have how i if in into is it its me my of on or our so than that the their them then there these they this to was we were what when where which who why will with you your'.split(' '),
);

export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** Index terms: stems of non-stopwords, CJK bigrams. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (CJK.test(word)) {
      if (word.length === 1) out.push(word);
      for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
    } else if (!STOPWORDS.has(word)) {
      out.push(/^[a-z]+$/.test(word) ? stemmer(word) : word);
    }
  }
  return out;
}

/** Sentences: split after . ! ? followed by space, after 。！？, and at line breaks. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|(?<=[。！？])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The offline model's token count: each CJK character, and each other whitespace-free run, is one token. */
export function countTokens(text: string): number {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu)?.length ?? 0;
}

/** Words with their leading whitespace, so the pieces join back into the text. */
export function wordPieces(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
