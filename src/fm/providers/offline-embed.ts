import { terms, words } from './offline-text.ts';

export const OFFLINE_EMBED_DIMS = 384;
export const OFFLINE_EMBED_MODEL = 'offline/hash-embed-384';

/**
 * A deterministic, dependency-free sentence vector ("feature hashing"):
 * - each index term (stemmed word or CJK bigram, see offline-text.ts) adds 1.0,
 * - each character trigram of each Latin word, padded as `#word#`, adds 0.5
 *   (so `manga`/`mangas` or a typo still land close),
 * into one of 384 buckets chosen by FNV-1a, with a sign from a second hash so
 * collisions cancel rather than pile up. The vector is L2-normalised; an
 * empty text gives the zero vector. Cosine similarity is the dot product.
 */
export function offlineEmbed(text: string): number[] {
  const v = new Float64Array(OFFLINE_EMBED_DIMS);
  const add = (feature: string, weight: number): void => {
    const h = fnv1a(feature);
    const sign = fnv1a(`~${feature}`) & 1 ? 1 : -1;
    v[h % OFFLINE_EMBED_DIMS] = v[h % OFFLINE_EMBED_DIMS]! + sign * weight;
  };
  for (const t of terms(text)) add(`w:${t}`, 1);
  for (const w of words(text)) {
    if (!/^[a-z0-9]+$/.test(w) || w.length < 2) continue;
    const padded = `#${w}#`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.5);
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Array.from(v, (x) => x * scale);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
