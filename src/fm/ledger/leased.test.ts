import { afterAll, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { FakeClock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { defineBudgetLedgerContract } from '../cost/ledger-contract.ts';
import type { BudgetLedger } from '../cost/index.ts';
import { fmMigrations } from '../migrations.ts';
import { fm } from '../tables.ts';
import { LeasedBudgetLedger, type LeaseSettings } from './leased.ts';

/** The store, counting the transactions and statements run through it. */
function counted(store: Store) {
  const counts = { transactions: 0 };
  const wrapped: Store = Object.create(store) as Store;
  Object.defineProperty(wrapped, 'transaction', { value: <T>(fn: Parameters<Store['transaction']>[0]) => (counts.transactions++, store.transaction(fn as never) as Promise<T>) });
  return { store: wrapped, counts };
}

for (const backend of storeBackends) {
  const cleanups = new Map<BudgetLedger, () => Promise<void>>();
  afterAll(async () => {
    for (const cleanup of cleanups.values()) await cleanup();
  });
  const open = async (settings: LeaseSettings = {}, clock = new FakeClock()) => {
    const { store: raw, cleanup } = await backend.open(fmMigrations);
    const { store, counts } = counted(raw);
    const ledger = new LeasedBudgetLedger({ store, clock, settings: { flushIntervalMs: 0, ...settings } });
    cleanups.set(ledger, async () => {
      await ledger.close().catch(() => undefined);
      await cleanup();
    });
    return { ledger, store, raw, clock, counts };
  };
  const settledInStore = async (store: Store, key: string) =>
    Number((await fm(store.db).selectFrom('fm_budget_scopes').select('settled_usd').where('scope_key', '=', key).executeTakeFirst())?.settled_usd ?? 0);

  defineBudgetLedgerContract(`LeasedBudgetLedger [${backend.name}]`, async () => (await open()).ledger, {
    teardown: async (ledger) => {
      await cleanups.get(ledger)?.();
      cleanups.delete(ledger);
    },
  });

  describe(`LeasedBudgetLedger [${backend.name}]`, () => {
    it('reserves and settles with no transaction while its lease has room, and writes the spend on flush', async () => {
      const { ledger, raw, counts } = await open();
      const limits = { 'k:day': 100, 't:day': 1000 };
      await ledger.reserve(['k:day', 't:day', 'free'], 0.01, limits);
      const afterFirst = counts.transactions;

      for (let i = 0; i < 50; i++) {
        const r = await ledger.reserve(['k:day', 't:day', 'free'], 0.01, limits);
        if (r.ok) await ledger.settle(r.reservationId, 0.004);
      }

      expect(afterFirst).toBe(1);
      expect(counts.transactions).toBe(1);
      expect(await settledInStore(raw, 'k:day')).toBe(0);
      await ledger.flush();
      expect(counts.transactions).toBe(2);
      expect(await settledInStore(raw, 'k:day')).toBeCloseTo(0.2, 9);
      expect(await settledInStore(raw, 'free')).toBeCloseTo(0.2, 9);
      expect(await ledger.balance('t:day')).toEqual({ settledUsd: expect.closeTo(0.2, 9), reservedUsd: expect.closeTo(0.01, 9) });
    });

    it('holds at most its spare beyond what it uses: settled + leases never pass the limit in the store', async () => {
      const { ledger, raw } = await open({ leaseFraction: 0.1 });
      await ledger.reserve(['s'], 1, { s: 10 });

      const leases = await fm(raw.db).selectFrom('fm_budget_leases').selectAll().execute();

      expect(leases).toHaveLength(1);
      expect(Number(leases[0]!.amount_usd)).toBeCloseTo(2, 9); // 1 held + 10% of 10 spare
      expect(Number(leases[0]!.held_usd)).toBeCloseTo(1, 9);
    });

    it('never overspends under hundreds of concurrent reservations, before and after settles', async () => {
      const { ledger } = await open({ leaseFraction: 0.05 });
      const limit = 5;
      const amountOf = (i: number) => 0.01 + (i % 7) * 0.005;
      const burst = () =>
        Promise.all(
          Array.from({ length: 300 }, async (_, i) => ({
            amount: amountOf(i),
            result: await ledger.reserve(['t:day', `k${i % 3}:day`], amountOf(i), { 't:day': limit, [`k${i % 3}:day`]: 100 }),
          })),
        );
      const used = async () => {
        const balance = await ledger.balance('t:day');
        return balance.settledUsd + balance.reservedUsd;
      };

      const first = await burst();
      const afterFirst = await used();
      // Half settle at half their hold, the rest are released: room again for a second burst.
      await Promise.all(first.map(({ result, amount }, i) => (result.ok ? (i % 2 ? ledger.settle(result.reservationId, amount / 2) : ledger.release(result.reservationId)) : undefined)));
      const second = await burst();
      await ledger.flush();
      const afterSecond = await used();

      for (const [burstResults, total] of [[first, afterFirst], [second, afterSecond]] as const) {
        expect(total).toBeLessThanOrEqual(limit + 1e-9);
        const refused = burstResults.filter((r) => !r.result.ok);
        expect(refused.length).toBeGreaterThan(0);
        // Refusals come only once the budget is really spent: every refused ask is larger than what is left.
        expect(Math.min(...refused.map((r) => r.amount))).toBeGreaterThan(limit - total - 1e-9);
      }
    });

    it("lets a crashed process's allowance come back when its lease expires", async () => {
      const clock = new FakeClock();
      const { ledger: crashed, store } = await open({ leaseTtlMs: 10_000, leaseFraction: 0.5 }, clock);
      const other = new LeasedBudgetLedger({ store, clock, settings: { flushIntervalMs: 0, leaseTtlMs: 10_000 } });
      await crashed.reserve(['s'], 0.2, { s: 1 }); // leases 0.2 + 0.5 spare, then never syncs again

      const before = await other.reserve(['s'], 0.5, { s: 1 });
      clock.tick(10_001);
      const after = await other.reserve(['s'], 0.5, { s: 1 });

      expect(before).toMatchObject({ ok: false, scopeKey: 's', limitUsd: 1 });
      expect(after.ok).toBe(true);
      await other.close();
    });

    it('hands spare back when the budget turns tight, so another process can use it', async () => {
      const clock = new FakeClock();
      const { ledger: a, store } = await open({ leaseFraction: 0.2, flushIntervalMs: 20 }, clock);
      // b retries after two of its own intervals: long enough for a's timer (20 ms) to flush.
      const b = new LeasedBudgetLedger({ store, clock, settings: { flushIntervalMs: 1000, leaseFraction: 0.2 } });
      await a.reserve(['s'], 0.1, { s: 1 }); // a: 0.1 held + 0.2 spare

      const big = await b.reserve(['s'], 0.8, { s: 1 }); // fits only once a hands back its spare (its timer flushes)

      expect(big.ok).toBe(true);
      const leases = await fm(store.db).selectFrom('fm_budget_leases').select(['owner', 'amount_usd']).execute();
      expect(leases.reduce((sum, l) => sum + Number(l.amount_usd), 0)).toBeLessThanOrEqual(1 + 1e-9);
      await b.close();
    });

    it('releases its own holds older than the stale age, and close hands every lease back', async () => {
      const clock = new FakeClock();
      const { ledger, raw } = await open({}, clock);
      await ledger.reserve(['s'], 0.4, { s: 10 });
      clock.tick(700_000);
      await ledger.reserve(['s'], 0.1, { s: 10 });

      expect(await ledger.releaseStale(600_000)).toBe(1);
      expect((await ledger.balance('s')).reservedUsd).toBeCloseTo(0.1, 9);
      await ledger.close();
      expect(await fm(raw.db).selectFrom('fm_budget_leases').selectAll().execute()).toEqual([]);
    });

    if (backend.name === 'postgres') it('shares one budget with a second handle on the same database (two replicas)', async () => {
      const { ledger, raw, clock } = await open({ leaseFraction: 0.05 });
      const second = await backend.reopen!(raw);
      const other = new LeasedBudgetLedger({ store: second, clock, settings: { flushIntervalMs: 0, leaseFraction: 0.05 } });

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? ledger : other).reserve(['tenant:day'], 1, { 'tenant:day': 6 })),
      );

      expect(results.filter((r) => r.ok)).toHaveLength(6);
      await Promise.all([ledger.flush(), other.flush()]);
      expect((await ledger.balance('tenant:day')).reservedUsd).toBeCloseTo(6, 9);
      await other.close();
      await second.close();
    });
  });
}
