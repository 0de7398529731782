import { describe, expect, it } from 'vitest';
import { backoffDelay, retry, RETRY_DEFAULTS } from './retry.ts';
import { RetryBudget } from './retry-budget.ts';
import { createScriptedProvider } from './scripted-provider.ts';
import { drain } from './stream.ts';
import { badRequest, chain, collectUntilError, makeCall, networkError, serverError, virtualTime } from './testing.ts';

const fixedRandom = () => 0.5;

function setup(steps: Parameters<typeof createScriptedProvider>[0]['steps'], budgetOptions = {}) {
  const { clock, timers } = virtualTime();
  const provider = createScriptedProvider({ name: 'p', steps });
  const budget = new RetryBudget(budgetOptions, clock);
  const mw = retry({}, { clock, timers, random: fixedRandom, budget });
  return { clock, timers, provider, budget, handler: chain(clock, mw) };
}

describe('retry middleware', () => {
  it('retries retryable errors twice with exponential backoff, then succeeds', async () => {
    const { clock, timers, provider, handler } = setup([
      { kind: 'fail', error: serverError() },
      { kind: 'fail', error: networkError('ECONNRESET') },
      { kind: 'ok', chunks: ['fine'] },
    ]);
    const call = makeCall(provider);
    const started = clock.now();

    const { text } = await drain(await timers.drive(handler(call)));

    expect(text).toBe('fine');
    expect(call.meter.attempts).toBe(3);
    // equal jitter at random()=0.5: 750 ms then 1500 ms
    expect(clock.now() - started).toBe(750 + 1500);
  });

  it('stops after the configured retries and throws the last error', async () => {
    const last = serverError();
    const { timers, provider, handler } = setup([
      { kind: 'fail', error: serverError() },
      { kind: 'fail', error: serverError() },
      { kind: 'fail', error: last },
    ]);

    await expect(timers.drive(handler(makeCall(provider)))).rejects.toBe(last);
    expect(provider.calls).toHaveLength(3);
  });

  it('does not retry a non-retryable error, nor an error that only mentions a network code in its text', async () => {
    const { timers, provider, handler } = setup([{ kind: 'fail', error: badRequest() }]);
    await expect(timers.drive(handler(makeCall(provider)))).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(provider.calls).toHaveLength(1);

    const other = setup([{ kind: 'fail', error: new Error('read ECONNRESET') }]);
    await expect(other.timers.drive(other.handler(makeCall(other.provider)))).rejects.toThrow('read ECONNRESET');
    expect(other.provider.calls).toHaveLength(1);
  });

  it('honours retryAfterMs when it is longer than the backoff', async () => {
    const { clock, timers, provider, handler } = setup([
      { kind: 'fail', error: serverError(5_000) },
      { kind: 'ok', chunks: ['ok'] },
    ]);
    const started = clock.now();

    await drain(await timers.drive(handler(makeCall(provider))));

    expect(clock.now() - started).toBe(5_000);
  });

  it('never sleeps past the deadline', async () => {
    const { clock, timers, provider, handler } = setup([
      { kind: 'fail', error: serverError(5_000) },
      { kind: 'ok', chunks: ['too late'] },
    ]);
    const call = makeCall(provider, { deadline: clock.now() + 4_000 });

    await expect(timers.drive(handler(call))).rejects.toMatchObject({ retryAfterMs: 5_000 });
    expect(provider.calls).toHaveLength(1);
  });

  it('does not retry a stream that broke after its first chunk', async () => {
    const { timers, provider, handler } = setup([
      { kind: 'break', chunks: ['partial'], error: serverError() },
      { kind: 'ok', chunks: ['never used'] },
    ]);
    const call = makeCall(provider, { mode: 'stream' });

    const { events, error } = await collectUntilError(await timers.drive(handler(call)));

    expect(events).toEqual(['partial']);
    expect(error).toMatchObject({ code: 'FM_STREAM_INTERRUPTED' });
    expect(provider.calls).toHaveLength(1);
  });

  it('stops retrying when the retry budget is spent', async () => {
    // floor 1 retry + 20 % of requests: 5 requests in the window allow 2 retries.
    const { timers, provider, handler } = setup([{ kind: 'fail', error: serverError() }], { minRetries: 1, ratio: 0.2 });

    for (let i = 0; i < 5; i++) await timers.drive(handler(makeCall(provider))).catch(() => undefined);

    // 5 first attempts + 2 budgeted retries, instead of 5 × 3 = 15 calls.
    expect(provider.calls).toHaveLength(7);
  });

  it('computes jittered backoff within [d/2, d] and caps it', () => {
    expect(backoffDelay(0, RETRY_DEFAULTS, () => 0)).toBe(500);
    expect(backoffDelay(0, RETRY_DEFAULTS, () => 1)).toBe(1000);
    expect(backoffDelay(1, RETRY_DEFAULTS, () => 1)).toBe(2000);
    expect(backoffDelay(10, RETRY_DEFAULTS, () => 1)).toBe(RETRY_DEFAULTS.maxDelayMs);
  });
});
