import { describe, expect, it } from 'vitest';
import { moderate, sentiment } from './offline-classify.ts';

describe('sentiment (AFINN-165)', () => {
  it.each([
    ['Loved it! Beautiful art and a gripping story.', 'positive'],
    ['Pages were torn and the shipping was awful.', 'negative'],
    ['The volume arrived on Tuesday.', 'neutral'],
    ['This is not good at all.', 'negative'],
  ] as const)('%s → %s', (text, label) => {
    expect(sentiment(text).label).toBe(label);
  });

  it('scores are comparative (per token) and list the words that counted', () => {
    const v = sentiment('great great bad');
    // AFINN: great +3, bad −3 → (3 + 3 − 3) / 3 tokens
    expect(v.score).toBe(1);
    expect(v.positive).toEqual(['great', 'great']);
    expect(v.negative).toEqual(['bad']);
  });
});

describe('moderate', () => {
  it('passes a clean review', () => {
    expect(moderate('Great translation, the print quality is excellent.')).toEqual({
      safe: true,
      severity: 'none',
      categories: [],
      reason: 'No rule matched.',
    });
  });

  it('mild profanity is low and still safe; heavy profanity is medium and unsafe', () => {
    expect(moderate('This ending is shit.')).toMatchObject({ safe: true, severity: 'low', categories: ['profanity'] });
    expect(moderate('fuck this shit, what a bitch of a cliffhanger')).toMatchObject({ safe: false, severity: 'medium', categories: ['profanity'] });
  });

  it('sees through leetspeak', () => {
    expect(moderate('what a pile of sh1t').categories).toContain('profanity');
  });

  it('a threat is critical', () => {
    expect(moderate("If my order is late again I'm going to hurt you")).toMatchObject({ safe: false, severity: 'critical', categories: ['threat'] });
  });

  it('PII: email and phone are medium, a Luhn-valid card number is high, a random long number is nothing', () => {
    expect(moderate('Write to me at taro.yamada@example.jp')).toMatchObject({ severity: 'medium', categories: ['pii'] });
    expect(moderate('Call me on 090-1234-5678 please')).toMatchObject({ severity: 'medium', categories: ['pii'] });
    expect(moderate('my card is 4111 1111 1111 1111')).toMatchObject({ severity: 'high', categories: ['pii'] });
    expect(moderate('order number 1234567890123 was wrong')).toMatchObject({ severity: 'none' });
  });

  it('spam: many links or promotional links', () => {
    expect(moderate('see http://a.example http://b.example http://c.example')).toMatchObject({ safe: false, severity: 'medium', categories: ['spam'] });
    expect(moderate('Click here for free money http://x.example')).toMatchObject({ severity: 'medium', categories: ['spam'] });
    expect(moderate('Translator notes at https://example.org/notes')).toMatchObject({ safe: true, severity: 'low' });
  });

  it('the worst finding sets the severity; all categories and reasons are listed', () => {
    const v = moderate('shit service, I will find you. mail me: a@b.co');
    expect(v.severity).toBe('critical');
    expect(v.categories.sort()).toEqual(['pii', 'profanity', 'threat']);
    expect(v.reason).toContain('threat');
    expect(v.reason).toContain('email');
  });
});
