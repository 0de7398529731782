import { describe, expect, it } from 'vitest';
import type { Product } from '../types.ts';
import { fiveTags, parseDescription, sentences, templateDescription } from './describe.ts';

const product: Product = {
  id: 'origami-war-v12-en',
  series: 'origami-war',
  title: 'Origami War',
  title_alt: '折り紙戦争',
  author: 'Ren Tsukishima',
  genre: 'shonen',
  volume: 12,
  synopsis: 'In a world where folded paper comes alive, a boy with clumsy hands must master the thousand-fold crane. In volume 12, Tsubasa returns home to settle an old promise.',
  price: 1980,
  currency: 'JPY',
  language: 'en',
  stock: 9,
  stock_threshold: 5,
  status: 'active',
  release_date: '2026-12-01',
  tags: ['battle', 'craft magic'],
  ai_description: null,
  ai_tags: [],
  ai_source: null,
};

describe('product descriptions', () => {
  it('split English and Japanese sentences', () => {
    expect(sentences('One. Two! Three?')).toEqual(['One.', 'Two!', 'Three?']);
    expect(sentences('第一文。第二文！残り')).toEqual(['第一文。', '第二文！', '残り']);
  });

  it('parse the model answer: at most 3 sentences before Tags:, exactly 5 tags topped up from the product', () => {
    const answer = 'Paper cranes take flight. Tsubasa folds his fate. A finale to remember. A fourth sentence.\nTags: Shonen, paper magic, #Battle, shonen';
    const parsed = parseDescription(answer, product)!;
    expect(parsed.description).toBe('Paper cranes take flight. Tsubasa folds his fate. A finale to remember.');
    expect(parsed.tags).toEqual(['shonen', 'paper magic', 'battle', 'craft magic', 'english edition']);
  });

  it('refuse an answer with no description', () => {
    expect(parseDescription('Tags: a, b, c, d, e', product)).toBeUndefined();
  });

  it('write an offline template from the catalogue record, in the edition language', () => {
    const t = templateDescription(product);
    expect(t.description).toBe(
      'Volume 12 of Origami War, the shonen series by Ren Tsukishima. In a world where folded paper comes alive, a boy with clumsy hands must master the thousand-fold crane. In volume 12, Tsubasa returns home to settle an old promise.',
    );
    expect(t.tags).toHaveLength(5);
    const ja = templateDescription({ ...product, language: 'ja', title: '折り紙戦争', author: '月島蓮', synopsis: '紙が命を持つ世界。第12巻では、翼が約束を果たす。' });
    expect(ja.description).toBe('月島蓮によるshonen作品『折り紙戦争』第12巻。紙が命を持つ世界。第12巻では、翼が約束を果たす。');
  });

  it('dedupe tags case-insensitively and cap them', () => {
    expect(fiveTags(['A', 'a', ' b '], ['c', 'd', 'e', 'f'])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
