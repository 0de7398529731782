import { describe, expect, it } from 'vitest';
import { Analyzer } from './analyzer.ts';

describe('Analyzer', () => {
  it('lowercases, drops Lucene English stop words and Porter-stems', () => {
    const a = new Analyzer();
    expect(a.terms('The Printers are RUNNING and it was printed')).toEqual(['printer', 'run', 'print']);
  });

  it('keeps everything when stop words and stemming are off', () => {
    const a = new Analyzer({ stopwords: false, stem: false });
    expect(a.terms('The printers')).toEqual(['the', 'printers']);
  });

  it('drops the English possessive and folds Latin diacritics', () => {
    const a = new Analyzer({ stem: false });
    expect(a.terms("Pokémon's café naïve")).toEqual(['pokemon', 'cafe', 'naive']);
  });

  it('splits on hyphens and punctuation but keeps numbers whole, without thousands separators', () => {
    const a = new Analyzer({ stem: false });
    expect(a.terms('TNF-α rose 1,000-fold (3.5 mg/L)')).toEqual(['tnf', 'α', 'rose', '1000', 'fold', '3.5', 'mg', 'l']);
  });

  it('normalises full-width Latin with NFKC', () => {
    expect(new Analyzer({ stem: false }).terms('ＥＲＲＯＲ ４０４')).toEqual(['error', '404']);
  });

  it('cuts CJK runs into overlapping bigrams and keeps a lone character as a unigram', () => {
    const a = new Analyzer();
    expect(a.terms('ワンピース 100巻')).toEqual(['ワン', 'ンピ', 'ピー', 'ース', '100', '巻']);
    expect(a.terms('進撃の巨人')).toEqual(['進撃', '撃の', 'の巨', '巨人']);
  });

  it('joins half-width katakana with their voicing marks', () => {
    expect(new Analyzer().terms('ﾊﾞｶ')).toEqual(['バカ']);
  });

  it('reports offsets into the original text, also for astral CJK characters', () => {
    const text = 'Hi 𠮷野家 ok';
    const tokens = new Analyzer({ stopwords: false }).tokens(text);
    expect(tokens.map((t) => [t.term, text.slice(t.start, t.end)])).toEqual([
      ['hi', 'Hi'],
      ['𠮷野', '𠮷野'],
      ['野家', '野家'],
      ['ok', 'ok'],
    ]);
  });

  it('gives a query and a document the same terms for the same word', () => {
    const a = new Analyzer();
    expect(a.terms('Connection timeouts')).toEqual(a.terms('connection timeout'));
  });
});
