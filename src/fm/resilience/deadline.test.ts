import { describe, expect, it } from 'vitest';
import { deadline } from './deadline.ts';
import type { DeadlineScope } from './deadline.ts';
import { createScriptedProvider } from './scripted-provider.ts';
import { drain } from './stream.ts';
import { chain, collectUntilError, makeCall, virtualTime } from './testing.ts';
import type { ScriptStep } from './scripted-provider.ts';

function setup(steps: ScriptStep[], scope: Omit<DeadlineScope, 'signal'>) {
  const { clock, timers } = virtualTime();
  const provider = createScriptedProvider({ name: 'p', steps });
  const inner = chain(clock);
  const state: DeadlineScope = { ...scope, signal: new AbortController().signal };
  const run = (mode: 'complete' | 'stream' = 'complete') =>
    deadline({ clock, timers })(state, (s) => inner(makeCall(provider, { mode, signal: s.signal, deadline: s.deadline })));
  return { clock, timers, provider, run };
}

describe('deadline middleware', () => {
  it('aborts the upstream call when the deadline passes', async () => {
    const { clock, timers, provider, run } = setup([{ kind: 'hang' }], {
      deadline: Date.UTC(2026, 0, 1) + 29_000,
      clientSignal: undefined,
    });

    await expect(timers.drive(run())).rejects.toMatchObject({ code: 'FM_DEADLINE_EXCEEDED', status: 504 });
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 29_000);
    expect(provider.aborted).toEqual([true]);
  });

  it('refuses at once when the deadline has already passed', async () => {
    const { provider, run } = setup([{ kind: 'ok', chunks: ['x'] }], { deadline: 0, clientSignal: undefined });

    await expect(run()).rejects.toMatchObject({ code: 'FM_DEADLINE_EXCEEDED' });
    expect(provider.calls).toHaveLength(0);
  });

  it('turns a client abort into FM_CLIENT_ABORTED and aborts the upstream call', async () => {
    const client = new AbortController();
    const { timers, provider, run } = setup([{ kind: 'hang' }], { deadline: Number.MAX_SAFE_INTEGER, clientSignal: client.signal });

    const pending = run();
    await timers.flush();
    client.abort();

    await expect(pending).rejects.toMatchObject({ code: 'FM_CLIENT_ABORTED', status: 499 });
    expect(provider.aborted).toEqual([true]);
  });

  it('bounds a stream that is still running at the deadline', async () => {
    const { timers, run } = setup([{ kind: 'stall', chunks: ['a'] }], {
      deadline: Date.UTC(2026, 0, 1) + 1_000,
      clientSignal: undefined,
    });
    const stream = await run('stream');

    const { events, error } = await timers.drive(collectUntilError(stream));

    expect(events).toEqual(['a']);
    expect(error).toMatchObject({ code: 'FM_DEADLINE_EXCEEDED' });
  });

  it('clears its timer when the answer arrives in time', async () => {
    const { timers, run } = setup([{ kind: 'ok', chunks: ['x'] }], { deadline: Number.MAX_SAFE_INTEGER / 2, clientSignal: undefined });

    await drain(await run());

    expect(timers.pending).toBe(0);
  });
});

describe('deadline middleware, caller signal at the deadline', () => {
  it('reports a caller abort that comes at the deadline as FM_DEADLINE_EXCEEDED', async () => {
    const client = new AbortController();
    const { clock, timers, run } = setup([{ kind: 'hang' }], { deadline: Date.UTC(2026, 0, 1) + 500, clientSignal: client.signal });
    const pending = run();
    await timers.flush();

    clock.tick(500);
    client.abort(new Error('deadline exceeded'));

    await expect(pending).rejects.toMatchObject({ code: 'FM_DEADLINE_EXCEEDED' });
  });
});
