import { describe, expect, it } from 'vitest';
import { mapReview, parseReview, parseSentimentWord } from './reviews.ts';

const lexicon = () => 'neutral' as const;

describe('reviews → ReviewSubmitted', () => {
  it('requires review_id, product_id and text, and a 1–5 rating', () => {
    expect(() => parseReview({ review_id: 'r1', product_id: 'p1' })).toThrow('review delivery without text');
    expect(() => parseReview({ text: 'great' })).toThrow('review delivery without review_id, product_id');
    expect(() => parseReview({ review_id: 'r1', product_id: 'p1', text: 'ok', rating: 6 })).toThrow(/rating/);
    expect(parseReview({ review_id: ' r1 ', product_id: 'p1', text: ' Loved it ', rating: 5 })).toEqual({ review_id: 'r1', product_id: 'p1', text: 'Loved it', rating: 5 });
  });

  it('labels with the enrichment when present, else with the fallback lexicon', () => {
    const payload = { review_id: 'r1', product_id: 'p1', text: 'Loved it' };
    const enriched = mapReview(payload, { sentiment: 'positive', source: 'model:haiku' }, lexicon)[0]!.Detail;
    const fallback = mapReview(payload, undefined, lexicon)[0]!.Detail;
    expect([enriched.ai_sentiment, enriched.sentiment_source]).toEqual(['positive', 'model:haiku']);
    expect([fallback.ai_sentiment, fallback.sentiment_source]).toEqual(['neutral', 'offline-lexicon']);
    expect(mapReview(payload, undefined, lexicon)[0]!.Source).toBe('mangaassist.reviews');
  });

  it('reads a one-word model answer and nothing else', () => {
    expect(parseSentimentWord('Positive.')).toBe('positive');
    expect(parseSentimentWord('  negative\n')).toBe('negative');
    expect(parseSentimentWord('The sentiment is positive')).toBeUndefined();
    expect(parseSentimentWord('mixed')).toBeUndefined();
  });
});
