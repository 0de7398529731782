import { describe, expect, it } from 'vitest';
import { createScriptedProvider } from './scripted-provider.ts';
import { drain } from './stream.ts';
import { chain, collectUntilError, makeCall, virtualTime } from './testing.ts';

describe('callProvider', () => {
  it('meters the time spent waiting on the provider and counts the attempt', async () => {
    const { clock } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', clock, steps: [{ kind: 'ok', chunks: ['a'], latencyMs: 420 }] });
    const call = makeCall(provider, {}, clock);

    await drain(await chain(clock)(call));

    expect(call.meter).toEqual({ attempts: 1, providerWaitMs: 420 });
  });

  it('passes the request to the provider', async () => {
    const { clock } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'ok', chunks: ['a'] }] });

    await drain(await chain(clock)(makeCall(provider, { mode: 'stream' })));

    expect(provider.calls[0]).toMatchObject({ model: 'm-1', maxTokens: 100, request: { stream: true } });
  });

  it('fails a stream that ends without its end event instead of ending cleanly', async () => {
    const { clock } = virtualTime();
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'truncate', chunks: ['half an ans'] }] });

    const { events, error } = await collectUntilError(await chain(clock)(makeCall(provider, { mode: 'stream' })));

    expect(events).toEqual(['half an ans']);
    expect(error).toMatchObject({ code: 'FM_PROVIDER_STREAM_BROKEN', status: 502, kind: 'stream_broken' });
  });

  it('wraps a raw mid-stream error so the consumer gets a typed error with the cause', async () => {
    const { clock } = virtualTime();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'break', chunks: ['a'], error: reset }] });

    const { error } = await collectUntilError(await chain(clock)(makeCall(provider, { mode: 'stream' })));

    expect(error).toMatchObject({ code: 'FM_STREAM_INTERRUPTED', cause: reset });
  });

  it('rejects before the first byte with the raw provider error, so it can be retried', async () => {
    const { clock } = virtualTime();
    const err = Object.assign(new Error('503'), { retryable: true });
    const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'fail', error: err }] });

    await expect(chain(clock)(makeCall(provider, { mode: 'stream' }))).rejects.toBe(err);
  });
});
