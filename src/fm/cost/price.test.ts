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

  it('prices prompt-cache reads and writes at their own prices, apart from input tokens', () => {
    const priced = { ...sonnet, cacheReadPerMillion: 0.3, cacheWritePerMillion: 3.75 };

    const usd = costOf(priced, { inputTokens: 1_000, outputTokens: 100, cacheReadTokens: 10_000, cacheWriteTokens: 2_000 });

    expect(usd).toBeCloseTo((1_000 * 3 + 100 * 15 + 10_000 * 0.3 + 2_000 * 3.75) / 1e6, 12);
  });

  it('charges cache tokens conservatively when the price leaves them out: reads at the input price, writes at 1.25×', () => {
    const usd = costOf(sonnet, { inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 });

    expect(usd).toBeCloseTo(3 + 3.75, 12);
  });

  it('reports an unpriced model as null, never as free', () => {
    expect(costOf(null, { inputTokens: 5_000, outputTokens: 5_000 })).toBeNull();
  });

  it('sizes the worst case as max output tokens plus estimated input', () => {
    expect(maxCostOf(sonnet, 2048, 1000)).toBeCloseTo((1000 * 3 + 2048 * 15) / 1e6, 12);
    expect(maxCostOf(null, 2048, 1000)).toBe(0);
  });
});
