import { afterEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../../test/support/backends.ts';
import { fmMigrations } from '../migrations.ts';
import { fm } from '../tables.ts';
import { GroupCommit } from './group-commit.ts';

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

async function open() {
  const opened = await sqliteBackend.open(fmMigrations);
  cleanup = opened.cleanup;
  let transactions = 0;
  const store = { ...opened.store, caps: opened.store.caps, db: opened.store.db, transaction: <T>(fn: Parameters<typeof opened.store.transaction<T>>[0]) => (transactions++, opened.store.transaction(fn)) };
  return { store: store as typeof opened.store, transactions: () => transactions };
}

const insert = (key: string) => async (tx: Parameters<Parameters<GroupCommit['run']>[0]>[0]) => {
  await fm(tx).insertInto('fm_budget_scopes').values({ scope_key: key, settled_usd: 0, reserved_usd: 0, updated_at: 0 }).execute();
  return key;
};

describe('GroupCommit', () => {
  it('runs the work of one event-loop turn in one transaction, in order, each getting its own result', async () => {
    const { store, transactions } = await open();
    const group = new GroupCommit(store);

    const results = await Promise.all(['a', 'b', 'c'].map((k) => group.run(insert(k))));

    expect(results).toEqual(['a', 'b', 'c']);
    expect(transactions()).toBe(1);
  });

  it('retries each unit alone when the batch fails, so one bad unit fails only itself', async () => {
    const { store } = await open();
    const group = new GroupCommit(store);

    const outcomes = await Promise.allSettled([group.run(insert('x')), group.run(insert('x')), group.run(insert('y'))]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const keys = await fm(store.db).selectFrom('fm_budget_scopes').select('scope_key').orderBy('scope_key').execute();
    expect(keys.map((k) => k.scope_key)).toEqual(['x', 'y']);
  });
});
