import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { storeBackends } from '../../test/support/backends.ts';
import type { MigrationSet, Store } from './types.ts';

const table = (name: string): MigrationSet[string] => ({
  async up(db: Kysely<unknown>) {
    await db.schema.createTable(name).addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  },
});

for (const backend of storeBackends) {
  describe(`migrations [${backend.name}]`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });
    const open = async (set: MigrationSet): Promise<Store> => {
      const { store, cleanup } = await backend.open(set);
      cleanups.push(cleanup);
      return store;
    };

    it('applies pending migrations once, in name order, including ones numbered before applied ones', async () => {
      const store = await open({ '0100_b': table('b_table') });
      expect(await store.migrationStatus({ '0100_b': table('b_table'), '0050_a': table('a_table') })).toEqual({ applied: ['0100_b'], pending: ['0050_a'] });
      const status = await store.migrate({ '0100_b': table('b_table'), '0050_a': table('a_table') });
      expect(status).toEqual({ applied: ['0050_a', '0100_b'], pending: [] });
      await sql`select * from a_table`.execute(store.db);
      expect((await store.migrate({ '0100_b': table('b_table'), '0050_a': table('a_table') })).applied).toHaveLength(2);
    });

    it('applies nothing when one pending migration fails', async () => {
      const store = await open({});
      const broken: MigrationSet = {
        '0001_ok': table('ok_table'),
        '0002_bad': { up: async (db: Kysely<unknown>) => void (await sql`select * from no_such_table`.execute(db)) },
      };
      await expect(store.migrate(broken)).rejects.toThrow(/migration failed \(nothing was applied\)/);
      expect(await store.migrationStatus(broken)).toEqual({ applied: [], pending: ['0001_ok', '0002_bad'] });
    });

    it('lets two replicas migrate at once without applying anything twice', async () => {
      const store = await open({});
      const other = await backend.reopen!(store);
      cleanups.unshift(() => other.close());
      const set = { '0001_x': table('x_table'), '0002_y': table('y_table') };
      // Two SQLite handles in one process cannot wait on each other (better-sqlite3
      // blocks the thread); across processes BEGIN IMMEDIATE serialises them. So
      // the race runs where the store is shared, and in turn on SQLite.
      const [a, b] = store.caps.shared ? await Promise.all([store.migrate(set), other.migrate(set)]) : [await store.migrate(set), await other.migrate(set)];
      expect(a.pending).toEqual([]);
      expect(b.pending).toEqual([]);
    });
  });
}
