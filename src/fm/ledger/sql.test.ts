import { afterAll, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { FakeClock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { defineBudgetLedgerContract } from '../cost/ledger-contract.ts';
import { fmMigrations } from '../migrations.ts';
import { SqlBudgetLedger } from './sql.ts';

for (const backend of storeBackends) {
  const cleanups = new Map<SqlBudgetLedger, () => Promise<void>>();
  afterAll(async () => {
    for (const cleanup of cleanups.values()) await cleanup();
  });
  const open = async (clock = new FakeClock()) => {
    const { store, cleanup } = await backend.open(fmMigrations);
    const ledger = new SqlBudgetLedger({ store, clock });
    cleanups.set(ledger, cleanup);
    return { ledger, store, clock };
  };

  defineBudgetLedgerContract(`SqlBudgetLedger [${backend.name}]`, async () => (await open()).ledger, {
    teardown: async (ledger) => {
      await cleanups.get(ledger as SqlBudgetLedger)?.();
      cleanups.delete(ledger as SqlBudgetLedger);
    },
  });

  describe(`SqlBudgetLedger [${backend.name}]`, () => {
    it('releases holds older than the stale age, and only those', async () => {
      const { ledger, clock } = await open();
      await ledger.reserve(['s'], 0.4, {});
      clock.tick(700_000);
      await ledger.reserve(['s'], 0.1, {});

      const released = await ledger.releaseStale(600_000);

      expect(released).toBe(1);
      expect((await ledger.balance('s')).reservedUsd).toBeCloseTo(0.1, 9);
    });

    // Replicas share PostgreSQL; a SQLite file belongs to one process (two handles in one
    // process would block each other's event loop on the file lock), so only shared backends run this.
    if (backend.name === 'postgres') it('shares one budget between two handles on the same database (two replicas)', async () => {
      const { ledger, store, clock } = await open();
      const other = new SqlBudgetLedger({ store: (await backend.reopen!(store)) as Store, clock });

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? ledger : other).reserve(['tenant:day'], 1, { 'tenant:day': 6 })),
      );

      expect(results.filter((r) => r.ok)).toHaveLength(6);
      expect((await ledger.balance('tenant:day')).reservedUsd).toBeCloseTo(6, 9);
    });
  });
}
