import { describe, expect, it } from 'vitest';
import { MemoryCounter } from '../../cache/index.ts';
import { FakeClock, LimitError } from '../../kernel/index.ts';
import { createPlanGate } from './plan-gate.ts';

const PLANS = {
  default: { rps: 100, burst: 100, dailyQuota: 0 },
  tiny: { rps: 1, burst: 2 },
  quota: { rps: 100, burst: 100, dailyQuota: 3 },
};

function setup(plans: Record<string, { rps: number; burst?: number; dailyQuota?: number }> = PLANS) {
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 23, 59, 0));
  return { clock, gate: createPlanGate(plans, new MemoryCounter(clock), clock) };
}

const key = (keyId: string, plan: string) => ({ keyId, plan, admin: false });

async function refusal(promise: Promise<unknown>): Promise<LimitError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LimitError);
  return err as LimitError;
}

describe('createPlanGate', () => {
  it('admits within the burst and says what is left', async () => {
    const { gate } = setup();
    expect(await gate.admit(key('k1', 'tiny'))).toEqual({ limit: 2, remaining: 1 });
    expect(await gate.admit(key('k1', 'tiny'))).toEqual({ limit: 2, remaining: 0 });
  });

  it('refuses past the burst with RATE_LIMITED, Retry-After and the rate headers, then refills', async () => {
    const { gate, clock } = setup();
    await gate.admit(key('k1', 'tiny'));
    await gate.admit(key('k1', 'tiny'));
    const err = await refusal(gate.admit(key('k1', 'tiny')));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBe(1);
    expect(err.headers).toEqual({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0' });
    expect(err.message).toBe('rate limit of plan "tiny" exceeded (1 req/s, burst 2)');
    clock.tick(1000);
    expect(await gate.admit(key('k1', 'tiny'))).toEqual({ limit: 2, remaining: 0 });
  });

  it('reports the bucket size as the limit, so remaining never exceeds it (rps 10, burst 20)', async () => {
    const { gate } = setup({ default: { rps: 10, burst: 20 } });
    const admissions = [];
    for (let i = 0; i < 3; i++) admissions.push(await gate.admit(key('k', 'default')));
    expect(admissions).toEqual([
      { limit: 20, remaining: 19 },
      { limit: 20, remaining: 18 },
      { limit: 20, remaining: 17 },
    ]);
  });

  it('keeps each key to its own bucket', async () => {
    const { gate } = setup();
    await gate.admit(key('a', 'tiny'));
    await gate.admit(key('a', 'tiny'));
    await refusal(gate.admit(key('a', 'tiny')));
    expect(await gate.admit(key('b', 'tiny'))).toEqual({ limit: 2, remaining: 1 });
  });

  it('counts the daily quota and refuses with QUOTA_EXCEEDED until the next UTC day', async () => {
    const { gate, clock } = setup();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await gate.admit(key('q', 'quota')));
    expect(results.map((r) => r?.quotaRemaining)).toEqual([2, 1, 0]);
    const err = await refusal(gate.admit(key('q', 'quota')));
    expect(err.code).toBe('QUOTA_EXCEEDED');
    expect(err.retryAfterSeconds).toBe(60);
    expect(err.headers).toEqual({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '96', 'x-quota-remaining': '0' });
    clock.tick(60_000);
    expect(await gate.admit(key('q', 'quota'))).toEqual({ limit: 100, remaining: 99, quotaRemaining: 2 });
  });

  it('does not charge the quota for a request the rate limit refused', async () => {
    const { gate } = setup({ both: { rps: 1, burst: 1, dailyQuota: 2 } });
    expect((await gate.admit(key('k', 'both')))?.quotaRemaining).toBe(1);
    expect((await refusal(gate.admit(key('k', 'both')))).code).toBe('RATE_LIMITED');
    expect((await refusal(gate.admit(key('k', 'both')))).code).toBe('RATE_LIMITED');
  });

  it('derives the burst from the rate when the plan sets none', async () => {
    const { gate } = setup({ default: { rps: 1.5 } });
    const admitted = [];
    for (let i = 0; i < 3; i++) admitted.push((await gate.admit(key('k', 'default')))?.remaining);
    expect(admitted).toEqual([2, 1, 0]);
    expect((await refusal(gate.admit(key('k', 'default')))).message).toContain('burst 3');
  });

  it('falls back to the default plan, and admits without limits when none applies', async () => {
    const { gate } = setup();
    expect(await gate.admit(key('k', 'gold'))).toEqual({ limit: 100, remaining: 99 });
    expect(await gate.admit({ keyId: 'admin', plan: 'admin', admin: true })).toBeUndefined();
    const { gate: noDefault } = setup({ tiny: { rps: 1, burst: 1 } });
    expect(await noDefault.admit(key('k', 'gold'))).toBeUndefined();
  });
});
