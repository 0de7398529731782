import { describe, expect, it } from 'vitest';
import { createScriptedProvider } from './scripted-provider.ts';
import { drain } from './stream.ts';
import { chain, collectUntilError, makeCall, virtualTime } from './testing.ts';
import { timeout } from './timeout.ts';

describe('timeout middleware', () => {
  it('aborts a hanging complete() after 10 s by default and tells the provider', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'hang' }] });
    const handler = chain(clock, timeout({}, timers));
    const started = clock.now();

    const outcome = timers.drive(handler(makeCall(provider)));

    await expect(outcome).rejects.toMatchObject({ code: 'FM_TIMEOUT', phase: 'total', retryable: true });
    expect(clock.now() - started).toBe(10_000);
    expect(provider.aborted).toEqual([true]);
  });

  it('gives up on a provider that ignores its AbortSignal', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'hang-deaf' }] });
    const handler = chain(clock, timeout({ timeoutMs: 250 }, timers));

    const outcome = timers.drive(handler(makeCall(provider)));

    await expect(outcome).rejects.toMatchObject({ code: 'FM_TIMEOUT' });
  });

  it('uses the first-byte timeout for streams', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'hang' }] });
    const handler = chain(clock, timeout({ firstByteTimeoutMs: 300, idleTimeoutMs: 50 }, timers));
    const started = clock.now();

    const outcome = timers.drive(handler(makeCall(provider, { mode: 'stream' })));

    await expect(outcome).rejects.toMatchObject({ code: 'FM_TIMEOUT', phase: 'first_byte' });
    expect(clock.now() - started).toBe(300);
  });

  it('fails a stream that stalls between chunks with an idle timeout, after the chunks it sent', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'stall', chunks: ['Hel', 'lo'] }] });
    const handler = chain(clock, timeout({ idleTimeoutMs: 2_000 }, timers));
    const stream = await timers.drive(handler(makeCall(provider, { mode: 'stream' })));

    const { events, error } = await timers.drive(collectUntilError(stream));

    expect(events).toEqual(['Hel', 'lo']);
    expect(error).toMatchObject({ code: 'FM_TIMEOUT', phase: 'idle', timeoutMs: 2_000 });
    expect(provider.aborted).toEqual([true]);
  });

  it('fails a stalled stream on time even when the provider ignores its signal', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'stall', chunks: ['a'], deaf: true }] });
    const handler = chain(clock, timeout({ idleTimeoutMs: 1_000 }, timers));
    const stream = await timers.drive(handler(makeCall(provider, { mode: 'stream' })));

    const { events, error } = await timers.drive(collectUntilError(stream));

    expect(events).toEqual(['a']);
    expect(error).toMatchObject({ code: 'FM_TIMEOUT', phase: 'idle' });
  });

  it('aborts the upstream call when the consumer cancels a started stream', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'stall', chunks: ['a', 'b'] }] });
    const stream = await chain(clock, timeout({}, timers))(makeCall(provider, { mode: 'stream' }));
    await stream.next();

    await stream.return();

    expect(provider.aborted).toEqual([true]);
    expect(timers.pending).toBe(0);
  });

  it('leaves a fast call alone and clears its timers', async () => {
    const { clock, timers } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'ok', chunks: ['a', 'b'] }] });
    const handler = chain(clock, timeout({}, timers));

    const { text } = await drain(await handler(makeCall(provider, { mode: 'stream' })));

    expect(text).toBe('ab');
    expect(timers.pending).toBe(0);
    expect(provider.aborted).toEqual([false]);
  });
});
