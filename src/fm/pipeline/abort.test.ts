import { describe, expect, it } from 'vitest';
import { ask, ctx, harness } from './testing.ts';

describe('timeouts, deadline and client aborts in the pipeline', () => {
  it('times a hanging provider out, retries, and falls back — all within the deadline', async () => {
    const { pipeline, timers, clock, bedrock, anthropic } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      options: { retry: { retries: 1, baseDelayMs: 200 }, timeouts: { timeoutMs: 5_000 } },
      bedrock: [{ kind: 'hang' }],
    });
    const started = clock.now();

    const result = await timers.drive(pipeline.complete(ask('hi', { model: 'haiku' }), ctx));

    expect(result).toMatchObject({ model: 'haiku-direct', attempts: 3, fallbackUsed: true });
    expect(clock.now() - started).toBe(5_000 + 150 + 5_000);
    expect(bedrock.aborted).toEqual([true, true]);
    expect(anthropic.calls).toHaveLength(1);
  });

  it('never lets retries or fallbacks run past the overall deadline', async () => {
    const { pipeline, timers, clock, anthropic } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      bedrock: [{ kind: 'hang' }],
      anthropic: [{ kind: 'hang' }],
    });
    const deadline = clock.now() + 29_000;

    const outcome = timers.drive(pipeline.complete(ask('hi', { model: 'haiku' }), { ...ctx, deadline }));

    await expect(outcome).rejects.toMatchObject({ code: 'FM_DEADLINE_EXCEEDED', status: 504 });
    expect(clock.now()).toBe(deadline);
    expect(anthropic.aborted.every(Boolean)).toBe(true);
  });

  it('aborts the upstream call when the client goes away, and neither retries nor falls back', async () => {
    const client = new AbortController();
    const { pipeline, timers, bedrock, anthropic, ledger } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      bedrock: [{ kind: 'hang' }],
    });
    const pending = pipeline.complete(ask('hi', { model: 'haiku' }), { ...ctx, signal: client.signal });
    await timers.advance(1_000);

    client.abort();

    await expect(pending).rejects.toMatchObject({ code: 'FM_CLIENT_ABORTED', status: 499 });
    expect(bedrock.aborted).toEqual([true]);
    expect(anthropic.calls).toHaveLength(0);
    expect(await ledger.balance('fm:budget:tenant:acme:daily:2026-01-15')).toEqual({ settledUsd: 0, reservedUsd: 0 });
  });

  it('aborts a running stream when the client goes away, releasing the provider slot', async () => {
    const client = new AbortController();
    const { pipeline, timers } = harness({ bedrock: [{ kind: 'stall', chunks: ['Hel'] }] });
    const stream = await pipeline.stream(ask('hi', { model: 'haiku' }), { ...ctx, signal: client.signal });
    await stream.next();

    const next = stream.next();
    await timers.flush();
    client.abort();

    await expect(next).rejects.toMatchObject({ code: 'FM_CLIENT_ABORTED' });
    expect(pipeline.limiter.active('bedrock')).toBe(0);
  });

  it('refuses a request whose deadline already passed without calling anything', async () => {
    const { pipeline, clock, bedrock } = harness();

    await expect(pipeline.complete(ask('hi'), { ...ctx, deadline: clock.now() - 1 })).rejects.toMatchObject({ code: 'FM_DEADLINE_EXCEEDED' });
    expect(bedrock.calls).toHaveLength(0);
  });

  it('answers FM_OVERLOADED fast when the provider queue is full', async () => {
    const { pipeline } = harness({
      options: { concurrency: { maxConcurrent: 1, maxPending: 0 } },
      bedrock: [{ kind: 'stall', chunks: ['a'] }],
    });
    const first = await pipeline.stream(ask('hi', { model: 'haiku' }), ctx);

    const second = pipeline.complete(ask('other', { model: 'haiku' }), ctx);

    await expect(second).rejects.toMatchObject({ code: 'FM_UNAVAILABLE', details: { attempts: [expect.objectContaining({ code: 'FM_OVERLOADED' })] } });
    await first.return();
  });
});
