/**
 * The BudgetLedger contract: every adapter (memory here, SQL in the store)
 * runs these cases. Import this file from a `*.test.ts`; it is not part of
 * the folder's runtime API.
 *
 *   defineBudgetLedgerContract('sqlite', async () => createSqlLedger(await freshDb()));
 */
import { describe, expect, it } from 'vitest';
import type { BudgetLedger } from './ledger.ts';

export interface LedgerContractOptions {
  teardown?: (ledger: BudgetLedger) => Promise<void> | void;
}

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

export function defineBudgetLedgerContract(
  name: string,
  factory: () => BudgetLedger | Promise<BudgetLedger>,
  options: LedgerContractOptions = {},
): void {
  describe(`BudgetLedger contract: ${name}`, () => {
    const withLedger = (fn: (ledger: BudgetLedger) => Promise<void>) => async () => {
      const ledger = await factory();
      try {
        await fn(ledger);
      } finally {
        await options.teardown?.(ledger);
      }
    };

    it('holds a reservation on every scope it names', withLedger(async (ledger) => {
      const result = await ledger.reserve(['t:day', 't:month'], 0.25, { 't:day': 1 });

      expect(result.ok).toBe(true);
      close((await ledger.balance('t:day')).reservedUsd, 0.25);
      close((await ledger.balance('t:month')).reservedUsd, 0.25);
      close((await ledger.balance('t:day')).settledUsd, 0);
    }));

    it('refuses an amount that would pass a limit, naming the scope, limit and used amount', withLedger(async (ledger) => {
      await ledger.reserve(['t:day'], 0.7, { 't:day': 1 });

      const refusal = await ledger.reserve(['t:month', 't:day'], 0.5, { 't:month': 100, 't:day': 1 });

      expect(refusal).toMatchObject({ ok: false, scopeKey: 't:day', limitUsd: 1 });
      if (!refusal.ok) close(refusal.usedUsd, 0.7);
    }));

    it('is all-or-nothing: a refusal holds nothing on the other scopes', withLedger(async (ledger) => {
      await ledger.reserve(['k:day'], 0.9, { 'k:day': 1 });

      await ledger.reserve(['t:day', 'k:day'], 0.5, { 't:day': 10, 'k:day': 1 });

      close((await ledger.balance('t:day')).reservedUsd, 0);
    }));

    it('accepts an exact fit despite float noise', withLedger(async (ledger) => {
      await ledger.reserve(['s'], 0.1, { s: 0.3 });
      const second = await ledger.reserve(['s'], 0.2, { s: 0.3 });

      expect(second.ok).toBe(true);
    }));

    it('settle replaces the hold with the real cost', withLedger(async (ledger) => {
      const r = await ledger.reserve(['s'], 0.5, { s: 1 });
      if (!r.ok) throw new Error('expected a reservation');

      await ledger.settle(r.reservationId, 0.125);

      const balance = await ledger.balance('s');
      close(balance.reservedUsd, 0);
      close(balance.settledUsd, 0.125);
      expect((await ledger.reserve(['s'], 0.875, { s: 1 })).ok).toBe(true);
    }));

    it('records a real cost above the hold, and a spent budget then refuses even zero-cost calls', withLedger(async (ledger) => {
      const r = await ledger.reserve(['s'], 0.5, { s: 1 });
      if (!r.ok) throw new Error('expected a reservation');

      await ledger.settle(r.reservationId, 1.2);

      close((await ledger.balance('s')).settledUsd, 1.2);
      expect((await ledger.reserve(['s'], 0, { s: 1 })).ok).toBe(false);
    }));

    it('release drops the hold', withLedger(async (ledger) => {
      const r = await ledger.reserve(['s'], 0.8, { s: 1 });
      if (!r.ok) throw new Error('expected a reservation');

      await ledger.release(r.reservationId);

      expect(await ledger.balance('s')).toEqual({ settledUsd: 0, reservedUsd: 0 });
      expect((await ledger.reserve(['s'], 1, { s: 1 })).ok).toBe(true);
    }));

    it('ignores unknown ids and finishes a reservation only once', withLedger(async (ledger) => {
      const r = await ledger.reserve(['s'], 0.5, { s: 1 });
      if (!r.ok) throw new Error('expected a reservation');

      await ledger.settle('no-such-reservation', 5);
      await ledger.release('no-such-reservation');
      await ledger.settle(r.reservationId, 0.3);
      await ledger.settle(r.reservationId, 0.3);
      await ledger.release(r.reservationId);

      const balance = await ledger.balance('s');
      close(balance.settledUsd, 0.3);
      close(balance.reservedUsd, 0);
    }));

    it('tracks scopes without a limit but never refuses them', withLedger(async (ledger) => {
      for (let i = 0; i < 3; i++) expect((await ledger.reserve(['free'], 1000, {})).ok).toBe(true);

      close((await ledger.balance('free')).reservedUsd, 3000);
    }));

    it('never overspends under concurrent reservations', withLedger(async (ledger) => {
      const attempts = Array.from({ length: 40 }, () => ledger.reserve(['t:day'], 1, { 't:day': 10 }));

      const results = await Promise.all(attempts);

      expect(results.filter((r) => r.ok)).toHaveLength(10);
      close((await ledger.balance('t:day')).reservedUsd, 10);
    }));

    it('never overspends a shared scope when concurrent callers also hold their own scopes', withLedger(async (ledger) => {
      const limits = { tenant: 5, 'key:a': 100, 'key:b': 100 };
      const attempts = Array.from({ length: 20 }, (_, i) => ledger.reserve([i % 2 ? 'key:a' : 'key:b', 'tenant'], 0.5, limits));

      const results = await Promise.all(attempts);

      expect(results.filter((r) => r.ok)).toHaveLength(10);
      const a = await ledger.balance('key:a');
      const b = await ledger.balance('key:b');
      close(a.reservedUsd + b.reservedUsd, 5);
    }));

    it('never overspends when settles and reservations interleave', withLedger(async (ledger) => {
      const first = await Promise.all(Array.from({ length: 10 }, () => ledger.reserve(['s'], 1, { s: 10 })));
      const settles = first.map((r) => (r.ok ? ledger.settle(r.reservationId, 0.5) : Promise.resolve()));
      const more = Array.from({ length: 20 }, () => ledger.reserve(['s'], 1, { s: 10 }));

      const [, results] = await Promise.all([Promise.all(settles), Promise.all(more)]);

      const balance = await ledger.balance('s');
      expect(balance.settledUsd + balance.reservedUsd).toBeLessThanOrEqual(10 + 1e-9);
      expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(5);
    }));
  });
}
