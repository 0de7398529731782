import { describe, expect, it } from 'vitest';
import { concurrency, ConcurrencyLimiter } from './concurrency.ts';
import { createScriptedProvider } from './scripted-provider.ts';
import { drain } from './stream.ts';
import { chain, makeCall, virtualTime } from './testing.ts';

describe('ConcurrencyLimiter', () => {
  it('queues beyond the limit, then refuses fast with FM_OVERLOADED (503, Retry-After)', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 2, maxPending: 1, retryAfterSeconds: 2 });
    const signal = new AbortController().signal;
    const a = await limiter.acquire('p', signal);
    await limiter.acquire('p', signal);
    let queuedGotSlot = false;
    const queued = limiter.acquire('p', signal).then((release) => {
      queuedGotSlot = true;
      return release;
    });

    await expect(limiter.acquire('p', signal)).rejects.toMatchObject({
      code: 'FM_OVERLOADED',
      status: 503,
      retryAfterSeconds: 2,
    });
    expect(limiter.pending('p')).toBe(1);
    expect(queuedGotSlot).toBe(false);

    a();
    await queued;

    expect(queuedGotSlot).toBe(true);
    expect(limiter.active('p')).toBe(2);
    expect(limiter.pending('p')).toBe(0);
  });

  it('removes an aborted waiter from the queue', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxPending: 1 });
    const release = await limiter.acquire('p', new AbortController().signal);
    const caller = new AbortController();
    const waiting = limiter.acquire('p', caller.signal);

    caller.abort(new Error('gone'));

    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.pending('p')).toBe(0);
    release();
    expect(limiter.active('p')).toBe(0);
  });

  it('releasing twice frees one slot only', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 2 });
    const signal = new AbortController().signal;
    const a = await limiter.acquire('p', signal);
    await limiter.acquire('p', signal);

    a();
    a();

    expect(limiter.active('p')).toBe(1);
  });
});

describe('concurrency middleware', () => {
  it('holds the provider slot until the stream ends', async () => {
    const { clock } = virtualTime();
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxPending: 0 });
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'ok', chunks: ['a', 'b'] }] });
    const handler = chain(clock, concurrency(limiter));

    const stream = await handler(makeCall(provider, { mode: 'stream' }));

    expect(limiter.active('p')).toBe(1);
    await expect(handler(makeCall(provider, { mode: 'stream' }))).rejects.toMatchObject({ code: 'FM_OVERLOADED' });
    await drain(stream);
    expect(limiter.active('p')).toBe(0);
  });

  it('releases the slot when the consumer abandons the stream', async () => {
    const { clock } = virtualTime();
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 1 });
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'ok', chunks: ['a', 'b'] }] });
    const stream = await chain(clock, concurrency(limiter))(makeCall(provider, { mode: 'stream' }));

    await stream.return();

    expect(limiter.active('p')).toBe(0);
  });
});
