import { describe, expect, it } from 'vitest';
import { ask, ctx, harness, retryable } from './testing.ts';

describe('retries in the pipeline', () => {
  it('retries a throttled call after the retryAfterMs the provider asked for', async () => {
    const { pipeline, timers, clock } = harness({
      bedrock: [{ kind: 'fail', error: retryable('throttled', 2_500) }, { kind: 'ok', chunks: ['ok'] }],
    });
    const started = clock.now();

    const result = await timers.drive(pipeline.complete(ask('hi', { model: 'haiku' }), ctx));

    expect(result).toMatchObject({ text: 'ok', attempts: 2, fallbackUsed: false });
    expect(clock.now() - started).toBe(2_500);
  });

  it('stops retrying at the retry budget during an outage', async () => {
    const { pipeline, timers, bedrock } = harness({
      options: { retryBudget: { minRetries: 2, ratio: 0.2, windowMs: 60_000 }, breaker: { failureThreshold: 1_000 } },
      bedrock: [{ kind: 'fail', error: retryable() }],
    });

    for (let i = 0; i < 20; i++) {
      await timers.drive(pipeline.complete(ask(`question ${i}`, { model: 'haiku' }), ctx)).catch(() => undefined);
    }

    // Without a budget: 20 × 3 = 60 calls. With it: 20 requests + at most 2 + 20 % × 20 = 6 retries.
    expect(bedrock.calls.length).toBeLessThanOrEqual(26);
    expect(bedrock.calls.length).toBeGreaterThanOrEqual(22);
  });
});
