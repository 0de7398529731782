import { describe, expect, it } from 'vitest';
import { OfflineEmbedder } from './offline-embedder.ts';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : d / Math.sqrt(na * nb);
};

// "car" and "automobile" never occur together but share contexts (engine, wheels, driver).
const corpus = [
  'the car engine needs oil and the driver checks the wheels',
  'an automobile engine with four wheels and a careful driver',
  'the car driver parked near the garage with new wheels',
  'automobile driver training covers engine basics and wheels',
  'bake the bread in a hot oven with flour and yeast',
  'the oven bakes bread and cakes from flour and butter',
  'yeast makes the bread rise before the oven',
  'cakes need butter flour sugar and a warm oven',
  'printer paper jams when the tray sensor fails',
  'replace the toner cartridge when the printer shows error',
];

describe('OfflineEmbedder', () => {
  it('is deterministic: two instances fitted on the same corpus give identical vectors', () => {
    const a = new OfflineEmbedder({ lsaRank: 4, ngramDimensions: 64 });
    const b = new OfflineEmbedder({ lsaRank: 4, ngramDimensions: 64 });
    const va = a.fit(corpus);
    const vb = b.fit(corpus);
    expect(va.map((v) => Array.from(v))).toEqual(vb.map((v) => Array.from(v)));
    expect(Array.from(a.embedSync(['oven bread'])[0]!)).toEqual(Array.from(b.embedSync(['oven bread'])[0]!));
  });

  it('returns unit vectors of the declared dimension, also through the async port', async () => {
    const e = new OfflineEmbedder({ lsaRank: 4, ngramDimensions: 64 });
    e.fit(corpus);
    const [v] = await e.embed(['printer toner error']);
    expect(v).toHaveLength(e.dimensions);
    expect(e.dimensions).toBe(68);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
  });

  it('LSA half: a query word lands near documents that only share its contexts', () => {
    const e = new OfflineEmbedder({ lsaRank: 3, ngramDimensions: 64, lsaShare: 1 });
    const docs = e.fit(corpus);
    const [q] = e.embedSync(['automobile']);
    // doc 2 says "car", never "automobile"; doc 4 is about bread.
    expect(cosine(q!, docs[2]!)).toBeGreaterThan(cosine(q!, docs[4]!) + 0.3);
  });

  it('n-gram half: related word forms are similar, unrelated words are not', () => {
    const e = new OfflineEmbedder({ lsaRank: 2, ngramDimensions: 256, lsaShare: 0 });
    e.fit(corpus);
    const [a, b, c] = e.embedSync(['immunological', 'immunology', 'printer']);
    expect(cosine(a!, b!)).toBeGreaterThan(0.4);
    expect(Math.abs(cosine(a!, c!))).toBeLessThan(0.2);
  });

  it('embeds Japanese text by character n-grams', () => {
    const e = new OfflineEmbedder({ lsaRank: 2, ngramDimensions: 256, lsaShare: 0 });
    e.fit(['ワンピース 第100巻', '進撃の巨人 最終巻', '鬼滅の刃 全巻セット']);
    const [q, a, b] = e.embedSync(['ワンピース', 'ワンピース 第100巻', '進撃の巨人 最終巻']);
    expect(cosine(q!, a!)).toBeGreaterThan(cosine(q!, b!) + 0.3);
  });

  it('gives a zero vector for text with no known features before and after fitting', () => {
    const e = new OfflineEmbedder({ lsaRank: 2, ngramDimensions: 16 });
    expect(Array.from(e.embedSync(['!!! ...'])[0]!).every((x) => x === 0)).toBe(true);
  });
});
