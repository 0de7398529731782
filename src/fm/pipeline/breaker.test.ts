import { describe, expect, it } from 'vitest';
import type { CircuitStateChange } from '../resilience/index.ts';
import { ask, ctx, harness, retryable } from './testing.ts';

describe('circuit breaker in the pipeline', () => {
  it('opens after 5 failed requests, skips the open model for its fallback, then recovers after 30 s', async () => {
    const changes: CircuitStateChange[] = [];
    const { pipeline, timers, clock, bedrock, events } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      options: { retry: { retries: 0 }, onCircuitStateChange: (c) => void changes.push(c) },
      bedrock: [{ kind: 'fail', error: retryable() }],
    });
    const request = ask('hi', { model: 'haiku' });

    for (let i = 0; i < 5; i++) await timers.drive(pipeline.complete(request, { ...ctx, skipCache: true }));
    expect(pipeline.breakers.state('bedrock/anthropic.claude-3-haiku-20240307-v1:0')).toBe('open');
    const whileOpen = await pipeline.complete(request, { ...ctx, skipCache: true });

    expect(whileOpen).toMatchObject({ model: 'haiku-direct', fallbackUsed: true, attempts: 1 });
    expect(bedrock.calls).toHaveLength(5);
    expect(changes.map((c) => c.to)).toEqual(['open']);
    expect(events.some((e) => e.detailType === 'CircuitStateChanged' && e.detail.to === 'open')).toBe(true);

    bedrock.push({ kind: 'ok', chunks: ['back'] });
    clock.tick(30_000);
    const recovered = await pipeline.complete(request, { ...ctx, skipCache: true });

    expect(recovered).toMatchObject({ model: 'haiku', text: 'back', fallbackUsed: false });
    expect(changes.map((c) => c.to)).toEqual(['open', 'half_open', 'closed']);
  });

  it('answers FM_UNAVAILABLE with Retry-After when the only model has an open circuit', async () => {
    const { pipeline, timers } = harness({ options: { retry: { retries: 0 } }, bedrock: [{ kind: 'fail', error: retryable() }] });
    for (let i = 0; i < 5; i++) await timers.drive(pipeline.complete(ask('hi', { model: 'haiku' }), ctx)).catch(() => undefined);

    const refused = pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    await expect(refused).rejects.toMatchObject({
      code: 'FM_UNAVAILABLE',
      retryAfterSeconds: 30,
      details: { attempts: [expect.objectContaining({ code: 'FM_CIRCUIT_OPEN' })] },
    });
  });
});
