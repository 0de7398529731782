import { describe, expect, it } from 'vitest';
import { leaseFor, leaseStays, planLeases, spareFor, type LeaseAsk, type LeaseView } from './lease-plan.ts';

const view = (over: Partial<LeaseView> = {}): LeaseView => ({
  limitUsd: 10,
  settledUsd: 0,
  othersLeaseUsd: 0,
  othersHeldUsd: 0,
  others: 0,
  committedUsd: 0,
  askUsd: 0,
  idle: false,
  ...over,
});
const ask = (amountUsd: number, scopeKeys = ['s'], waited = false): LeaseAsk => ({ scopeKeys, amountUsd, limitsUsd: Object.fromEntries(scopeKeys.map((k) => [k, 10])), waited });

describe('lease plan', () => {
  it('sizes spare as leaseFraction of the limit, or 16 asks if more, at most a tenth of the limit', () => {
    expect(spareFor(100, 0.01, 0.01)).toBeCloseTo(1, 12);
    expect(spareFor(100, 0.5, 0.01)).toBeCloseTo(8, 12);
    expect(spareFor(100, 5, 0.01)).toBeCloseTo(10, 12);
  });

  it('keeps spare on top of what is committed while the budget is ample, within what the others leave free', () => {
    expect(leaseFor(view({ committedUsd: 1 }), 1, 0.01)).toMatchObject({ targetUsd: 1.1, floorUsd: 1, slackUsd: 0.05 });
    // Free is what the settled spend and the others' leases leave: 10 - 4 - 5.95.
    expect(leaseFor(view({ settledUsd: 4, othersLeaseUsd: 5.95, othersHeldUsd: 1, others: 1 }), 0, 0.01).targetUsd).toBeCloseTo(0.05, 12);
  });

  it('drops spare when the budget is tight (less unclaimed than a spare per holder) or the scope is idle', () => {
    const tight = view({ settledUsd: 9.5, othersLeaseUsd: 0.3, othersHeldUsd: 0.3, others: 3, committedUsd: 0.05 });

    expect(leaseFor(tight, 0.05, 0.01)).toMatchObject({ targetUsd: 0.05, slackUsd: 0 });
    expect(leaseFor(view({ committedUsd: 2, idle: true }), 2, 0.01)).toMatchObject({ targetUsd: 2, slackUsd: 0 });
  });

  it('grants queued asks in order while they fit, all scopes or none, and names the first scope that refuses', () => {
    const views = new Map([['s', view({ settledUsd: 7 })], ['k', view({ limitUsd: 10, committedUsd: 9.5 })]]);

    const plan = planLeases(views, [ask(2), ask(2, ['s', 'k']), ask(1), ask(0.5)], 0.01);

    expect(plan.outcomes).toEqual([
      { kind: 'grant' },
      { kind: 'refuse', scopeKey: 's', limitUsd: 10, usedUsd: 9 },
      { kind: 'grant' },
      { kind: 'refuse', scopeKey: 's', limitUsd: 10, usedUsd: 10 },
    ]);
    expect(plan.leases.get('s')!.floorUsd).toBe(3);
    expect(plan.leases.get('k')!.floorUsd).toBe(9.5);
  });

  it('makes an ask wait once when it would fit if the others handed back their unused spare, and shows its demand to them', () => {
    const views = new Map([['s', view({ settledUsd: 5, othersLeaseUsd: 4, othersHeldUsd: 1, others: 2 })]]);

    const first = planLeases(views, [ask(2)], 0.01);
    const again = planLeases(views, [ask(2, ['s'], true)], 0.01);
    const hopeless = planLeases(views, [ask(5)], 0.01);

    expect(first.outcomes).toEqual([{ kind: 'wait' }]);
    expect(first.leases.get('s')!.wantedUsd).toBe(2);
    expect(again.outcomes[0]).toMatchObject({ kind: 'refuse', usedUsd: 9 });
    expect(hopeless.outcomes[0]).toMatchObject({ kind: 'refuse' });
  });

  it('keeps the current lease while it is within slack of the target and between floor and ceiling', () => {
    const lease = { targetUsd: 1.1, floorUsd: 1, ceilingUsd: 10, slackUsd: 0.05, wantedUsd: 0 };

    expect(leaseStays(1.12, lease)).toBe(true);
    expect(leaseStays(1.2, lease)).toBe(false);
    expect(leaseStays(0.99, { ...lease, slackUsd: 1 })).toBe(false);
  });
});
