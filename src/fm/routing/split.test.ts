import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import { pickWeighted, stickyFraction } from './split.ts';

const variants = [
  { model: 'haiku', weight: 80 },
  { model: 'sonnet', weight: 20 },
];

describe('weighted splits', () => {
  it('maps fractions onto cumulative weight bands', () => {
    expect(pickWeighted(variants, 0)?.model).toBe('haiku');
    expect(pickWeighted(variants, 0.7999)?.model).toBe('haiku');
    expect(pickWeighted(variants, 0.8)?.model).toBe('sonnet');
    expect(pickWeighted(variants, 0.9999)?.model).toBe('sonnet');
  });

  it('skips zero weights and returns nothing when all weights are zero', () => {
    const rolledBack = [{ model: 'haiku', weight: 80 }, { model: 'sonnet', weight: 0 }];

    expect(pickWeighted(rolledBack, 0.95)?.model).toBe('haiku');
    expect(pickWeighted([{ model: 'x', weight: 0 }], 0.5)).toBeUndefined();
  });

  it('is sticky: a session always lands in the same bucket', () => {
    const first = stickyFraction('chat', 'session-42');

    for (let i = 0; i < 50; i++) expect(stickyFraction('chat', 'session-42')).toBe(first);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(1);
  });

  it('spreads sessions close to the configured 80/20', () => {
    const random = seededRandom(7);
    let sonnet = 0;
    const n = 20_000;

    for (let i = 0; i < n; i++) {
      const sessionId = `s-${Math.floor(random() * 1e12).toString(36)}`;
      if (pickWeighted(variants, stickyFraction('chat', sessionId))?.model === 'sonnet') sonnet++;
    }

    expect(sonnet / n).toBeGreaterThan(0.19);
    expect(sonnet / n).toBeLessThan(0.21);
  });

  it('shuffles sessions independently per split', () => {
    const random = seededRandom(11);
    let same = 0;
    for (let i = 0; i < 2_000; i++) {
      const id = `s-${random()}`;
      if (stickyFraction('chat', id) < 0.5 === stickyFraction('search', id) < 0.5) same++;
    }

    expect(same / 2_000).toBeGreaterThan(0.45);
    expect(same / 2_000).toBeLessThan(0.55);
  });

  it('seededRandom is reproducible', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);

    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
