import { describe, expect, it } from 'vitest';
import { dayOf, readUsage } from './usage.ts';

describe('InferenceCompleted usage', () => {
  it("reads the gateway's shape", () => {
    expect(readUsage({ model: 'haiku', inputTokens: 120, outputTokens: 40, costUsd: 0.00008, cached: false })).toEqual({ model: 'haiku', inputTokens: 120, outputTokens: 40, costUsd: 0.00008, cached: false });
    expect(readUsage({ model: 'llama', inputTokens: 1, outputTokens: 2, costUsd: null, unpriced: true })?.costUsd).toBeNull();
  });

  it("reads the reference design's shape (cost as a string)", () => {
    expect(readUsage({ model_id: 'anthropic.claude-3-haiku', metrics: { input_tokens: 10, output_tokens: 5, estimated_cost_usd: '0.0000088' } })).toEqual({
      model: 'anthropic.claude-3-haiku',
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.0000088,
      cached: false,
    });
  });

  it('ignores events without a model and days are UTC dates', () => {
    expect(readUsage({ inputTokens: 3 })).toBeUndefined();
    expect(dayOf('2026-11-22T23:59:59Z')).toBe('2026-11-22');
  });
});
