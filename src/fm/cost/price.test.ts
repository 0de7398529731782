import { describe, expect, it } from 'vitest';
import { costOf, maxCostOf } from './price.ts';

// Seed 000 prices: Haiku $0.25 / $1.25 and Sonnet $3 / $15 per million tokens.
const haiku = { inputPerMillion: 0.25, outputPerMillion: 1.25 };
const sonnet = { inputPerMillion: 3, outputPerMillion: 15 };

describe('cost', () => {
  it('prices input and output tokens per million', () => {
    expect(costOf(haiku, { inputTokens: 1_000_000, outputTokens: 0 })).toBeCloseTo(0.25, 12);
    expect(costOf(sonnet, { inputTokens: 2_000, outputTokens: 1_000 })).toBeCloseTo(0.006 + 0.015, 12);
  });

  it('reports an unpriced model as null, never as free', () => {
    expect(costOf(null, { inputTokens: 5_000, outputTokens: 5_000 })).toBeNull();
  });

  it('sizes the worst case as max output tokens plus estimated input', () => {
    expect(maxCostOf(sonnet, 2048, 1000)).toBeCloseTo((1000 * 3 + 2048 * 15) / 1e6, 12);
    expect(maxCostOf(null, 2048, 1000)).toBe(0);
  });
});
