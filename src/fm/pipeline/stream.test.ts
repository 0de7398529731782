import { describe, expect, it } from 'vitest';
import { ask, ctx, harness, readAll, retryable } from './testing.ts';

describe('streaming through the pipeline', () => {
  it('streams deltas, then a final event with usage, cost and accounting', async () => {
    const { pipeline } = harness({ bedrock: [{ kind: 'ok', chunks: ['One ', 'Piece'], usage: { inputTokens: 100, outputTokens: 20 } }] });

    const stream = await pipeline.stream(ask('Best seller?', { model: 'sonnet' }), ctx);
    const { deltas, done } = await readAll(stream);

    expect(stream.meta).toEqual({
      model: 'sonnet',
      providerModel: 'anthropic.claude-3-sonnet-20240229-v1:0',
      provider: 'bedrock',
      cached: false,
      route: { reason: 'explicit' },
    });
    expect(deltas).toEqual(['One ', 'Piece']);
    expect(done).toMatchObject({
      type: 'done',
      usage: { inputTokens: 100, outputTokens: 20 },
      stopReason: 'end_turn',
      costUsd: (100 * 3 + 20 * 15) / 1e6,
      attempts: 1,
      fallbackUsed: false,
    });
  });

  it('retries and falls back before the first byte only', async () => {
    const { pipeline, timers, anthropic } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      bedrock: [{ kind: 'fail', error: retryable() }],
      anthropic: [{ kind: 'ok', chunks: ['from ', 'fallback'] }],
    });

    const stream = await timers.drive(pipeline.stream(ask('hi', { model: 'haiku' }), ctx));
    const { deltas, done } = await readAll(stream);

    expect(stream.meta.model).toBe('haiku-direct');
    expect(deltas.join('')).toBe('from fallback');
    expect(done).toMatchObject({ attempts: 4, fallbackUsed: true });
    expect(anthropic.calls).toHaveLength(1);
  });

  it('ends a stream that breaks after its first delta with an error — no retry, no fallback, a breaker failure', async () => {
    const { pipeline, anthropic, bedrock } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      options: { breaker: { failureThreshold: 2 } },
      bedrock: [{ kind: 'break', chunks: ['Par', 'tial'], error: retryable() }],
    });

    const first = await readAll(await pipeline.stream(ask('hi', { model: 'haiku' }), ctx));
    await readAll(await pipeline.stream(ask('hi', { model: 'haiku' }), ctx));

    expect(first.deltas).toEqual(['Par', 'tial']);
    expect(first.done).toBeUndefined();
    expect(first.error).toMatchObject({ code: 'FM_STREAM_INTERRUPTED', status: 502 });
    expect(bedrock.calls).toHaveLength(2);
    expect(anthropic.calls).toHaveLength(0);
    expect(pipeline.breakers.state('bedrock/anthropic.claude-3-haiku-20240307-v1:0')).toBe('open');
  });

  it('fails a stream that ends without its final event instead of ending cleanly', async () => {
    const { pipeline } = harness({ bedrock: [{ kind: 'truncate', chunks: ['half'] }] });

    const { deltas, done, error } = await readAll(await pipeline.stream(ask('hi', { model: 'haiku' }), ctx));

    expect(deltas).toEqual(['half']);
    expect(done).toBeUndefined();
    expect(error).toMatchObject({ code: 'FM_PROVIDER_STREAM_BROKEN', status: 502 });
  });

  it('fails a stream that stalls between chunks with FM_TIMEOUT', async () => {
    const { pipeline, timers } = harness({ options: { timeouts: { idleTimeoutMs: 3_000 } }, bedrock: [{ kind: 'stall', chunks: ['a'] }] });
    const stream = await pipeline.stream(ask('hi', { model: 'haiku' }), ctx);

    const { deltas, error } = await timers.drive(readAll(stream));

    expect(deltas).toEqual(['a']);
    expect(error).toMatchObject({ code: 'FM_TIMEOUT', phase: 'idle' });
  });

  it('cancelling a stream aborts upstream and frees the slot', async () => {
    const { pipeline, bedrock } = harness({ bedrock: [{ kind: 'stall', chunks: ['a', 'b'] }] });
    const stream = await pipeline.stream(ask('hi', { model: 'haiku' }), ctx);
    await stream.next();

    await stream.return();

    expect(pipeline.limiter.active('bedrock')).toBe(0);
    expect(bedrock.aborted).toEqual([true]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});

describe('cancelling while a chunk is awaited', () => {
  it('returns at once, aborts upstream and frees the slot, even with a provider deaf to its signal', async () => {
    const { pipeline, bedrock, timers } = harness({ bedrock: [{ kind: 'stall', chunks: ['a'], deaf: true }] });
    const stream = await pipeline.stream(ask('hi', { model: 'haiku' }), ctx);
    await stream.next();
    const pending = stream.next();
    pending.catch(() => undefined);
    await timers.flush();

    await stream.return();
    await timers.flush();

    expect(bedrock.aborted).toEqual([true]);
    expect(pipeline.limiter.active('bedrock')).toBe(0);
  });
});
