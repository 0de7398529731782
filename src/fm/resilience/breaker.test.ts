import { describe, expect, it } from 'vitest';
import { breaker, CircuitBreakers } from './breaker.ts';
import type { CircuitStateChange } from './breaker.ts';
import { createScriptedProvider } from './scripted-provider.ts';
import type { ScriptStep } from './scripted-provider.ts';
import { drain } from './stream.ts';
import { badRequest, chain, collectUntilError, makeCall, serverError, virtualTime } from './testing.ts';

const fail: ScriptStep = { kind: 'fail', error: serverError() };
const KEY = 'p/m-1';

function setup(steps: ScriptStep[], onStateChange?: (c: CircuitStateChange) => void) {
  const { clock } = virtualTime();
  const changes: CircuitStateChange[] = [];
  const breakers = new CircuitBreakers({}, {
    clock,
    onStateChange: (c) => {
      changes.push(c);
      onStateChange?.(c);
    },
  });
  const provider = createScriptedProvider({ name: 'p', steps });
  const handler = chain(clock, breaker(breakers));
  const attempt = (overrides: Parameters<typeof makeCall>[1] = {}) => handler(makeCall(provider, overrides));
  const openIt = async () => {
    for (let i = 0; i < 5; i++) await attempt().catch(() => undefined);
  };
  return { clock, breakers, provider, changes, attempt, openIt };
}

describe('breaker middleware', () => {
  it('opens after 5 consecutive failures and then refuses without calling the provider', async () => {
    const { breakers, provider, changes, attempt } = setup([fail]);

    for (let i = 0; i < 5; i++) await expect(attempt()).rejects.toMatchObject({ kind: 'server' });

    await expect(attempt()).rejects.toMatchObject({ code: 'FM_CIRCUIT_OPEN', status: 503, retryAfterSeconds: 30 });
    expect(provider.calls).toHaveLength(5);
    expect(breakers.state(KEY)).toBe('open');
    expect(changes.map((c) => `${c.from}->${c.to}`)).toEqual(['closed->open']);
  });

  it('a success in between resets the consecutive count', async () => {
    const { breakers, attempt } = setup([fail, fail, fail, fail, { kind: 'ok', chunks: ['ok'] }, fail, fail, fail, fail]);

    for (let i = 0; i < 9; i++) await attempt().then(drain).catch(() => undefined);

    expect(breakers.state(KEY)).toBe('closed');
  });

  it('after 30 s lets exactly one trial through, and its success closes the circuit', async () => {
    const { clock, breakers, provider, changes, attempt, openIt } = setup([fail, fail, fail, fail, fail, { kind: 'ok', chunks: ['back'] }]);
    await openIt();
    clock.tick(29_999);
    await expect(attempt()).rejects.toMatchObject({ code: 'FM_CIRCUIT_OPEN' });
    clock.tick(1);

    const { text } = await drain(await attempt());

    expect(text).toBe('back');
    expect(provider.calls).toHaveLength(6);
    expect(breakers.state(KEY)).toBe('closed');
    expect(changes.map((c) => c.to)).toEqual(['open', 'half_open', 'closed']);
  });

  it('refuses other calls while the half-open trial is in flight', async () => {
    const { clock, provider, attempt, openIt } = setup([fail, fail, fail, fail, fail, { kind: 'hang' }]);
    await openIt();
    clock.tick(30_000);
    const caller = new AbortController();

    const trial = attempt({ signal: caller.signal });
    const second = attempt();

    await expect(second).rejects.toMatchObject({ code: 'FM_CIRCUIT_OPEN' });
    expect(provider.calls).toHaveLength(6);
    caller.abort(new Error('caller left'));
    await expect(trial).rejects.toThrow('caller left');
  });

  it('a failed trial re-opens the circuit for another 30 s', async () => {
    const { clock, breakers, changes, attempt, openIt } = setup([fail]);
    await openIt();
    clock.tick(30_000);

    await expect(attempt()).rejects.toMatchObject({ kind: 'server' });

    expect(breakers.state(KEY)).toBe('open');
    expect(changes.map((c) => c.to)).toEqual(['open', 'half_open', 'open']);
    clock.tick(29_000);
    await expect(attempt()).rejects.toMatchObject({ code: 'FM_CIRCUIT_OPEN' });
  });

  it('counts a stream that breaks after its first chunk as a failure', async () => {
    const { breakers, attempt } = setup([{ kind: 'break', chunks: ['par'], error: serverError() }]);

    for (let i = 0; i < 5; i++) {
      const { error } = await collectUntilError(await attempt({ mode: 'stream' }));
      expect(error).toMatchObject({ code: 'FM_STREAM_INTERRUPTED' });
    }

    expect(breakers.state(KEY)).toBe('open');
  });

  it('does not count bad requests or caller aborts against the provider', async () => {
    const { breakers, attempt } = setup([{ kind: 'fail', error: badRequest() }]);

    for (let i = 0; i < 8; i++) await attempt().catch(() => undefined);

    expect(breakers.state(KEY)).toBe('closed');
  });

  it('keeps serving when the state-change listener throws', async () => {
    const { breakers, openIt } = setup([fail], () => {
      throw new Error('listener bug');
    });

    await openIt();

    expect(breakers.state(KEY)).toBe('open');
  });
});
