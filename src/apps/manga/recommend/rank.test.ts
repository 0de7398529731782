import { describe, expect, it } from 'vitest';
import type { Product } from '../types.ts';
import { rankRecommendations } from './rank.ts';

let n = 0;
const p = (series: string, volume: number, extra: Partial<Product> = {}): Product => ({
  id: `${series}-v${volume}-${extra.language ?? 'ja'}`,
  series,
  title: series.toUpperCase(),
  title_alt: null,
  author: `author-${series}`,
  genre: 'fantasy',
  volume,
  synopsis: `synopsis ${n++}`,
  price: 700,
  currency: 'JPY',
  language: 'ja',
  stock: 10,
  stock_threshold: 3,
  status: 'active',
  release_date: `2020-0${(volume % 9) + 1}-01`,
  tags: [],
  ai_description: null,
  ai_tags: [],
  ai_source: null,
  ...extra,
});

describe('recommendations', () => {
  const a1 = p('alpha', 1);
  const a2 = p('alpha', 2);
  const a3 = p('alpha', 3);
  const a4 = p('alpha', 4);
  const sameAuthor = p('beta', 1, { author: 'author-alpha', genre: 'horror' });
  const sameGenre = p('gamma', 1);
  const unrelated = p('delta', 1, { genre: 'sports' });
  const candidates = [a1, a2, a3, a4, sameAuthor, sameGenre, unrelated];

  it('put the next volume first, then the same author, the same genre; at most two per series; never the basis itself', () => {
    const ranked = rankRecommendations({ basis: [a2], candidates, embeddings: new Map(), count: 10 });
    expect(ranked.map((r) => r.product_id)).toEqual([a3.id, a4.id, sameAuthor.id, sameGenre.id]);
    expect(ranked[0]!.reason).toBe('The next volume after ALPHA vol. 2.');
    expect(ranked[2]!.reason).toBe('Another series by author-alpha, who wrote ALPHA.');
    expect(ranked[3]!.reason).toBe('A fantasy series for readers of ALPHA.');
  });

  it('use embedding similarity for otherwise unrelated products', () => {
    const embeddings = new Map([
      [a2.id, [1, 0]],
      [unrelated.id, [0.9, 0.436]],
    ]);
    const ranked = rankRecommendations({ basis: [a2], candidates: [unrelated], embeddings, count: 3 });
    expect(ranked.map((r) => [r.product_id, r.reason])).toEqual([[unrelated.id, 'Similar in theme to ALPHA.']]);
  });

  it('respect count and exclusions', () => {
    expect(rankRecommendations({ basis: [a2], candidates, embeddings: new Map(), count: 1, exclude: new Set([a3.id]) }).map((r) => r.product_id)).toEqual([a4.id]);
  });

  it('offer first volumes of the newest series when nothing is known about the customer', () => {
    const ranked = rankRecommendations({ basis: [], candidates, embeddings: new Map(), count: 3 });
    expect(ranked.every((r) => r.volume === 1)).toBe(true);
    expect(ranked[0]!.reason).toMatch(/^Start a new .* series: .* vol\. 1\.$/);
  });
});
