import { afterEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../../test/support/backends.ts';
import type { AnyTx, Store } from '../../store/index.ts';
import { webhooksMigrations } from '../migrations.ts';
import { w } from '../tables.ts';
import { GroupAccept } from './group-accept.ts';

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

async function open(): Promise<{ store: Store; transactions: () => number }> {
  const opened = await sqliteBackend.open(webhooksMigrations);
  cleanup = opened.cleanup;
  let transactions = 0;
  const real = opened.store;
  const store: Store = {
    db: real.db,
    caps: real.caps,
    description: real.description,
    transaction: (fn) => (transactions++, real.transaction(fn)),
    afterCommit: (tx, hook) => real.afterCommit(tx, hook),
    migrate: (m) => real.migrate(m),
    migrationStatus: (m) => real.migrationStatus(m),
    ping: () => real.ping(),
    close: () => real.close(),
  };
  return { store, transactions: () => transactions };
}

/** Inserts a key row unless one exists; answers what it found. */
const claim = (key: string) => async (tx: AnyTx) => {
  const existing = await w(tx).selectFrom('webhook_keys').select('token').where('source', '=', 's').where('key', '=', key).executeTakeFirst();
  if (existing) return `seen ${existing.token}`;
  await w(tx).insertInto('webhook_keys').values({ source: 's', key, status: 'completed', token: `t-${key}`, claimed_at: 0, lease_until: 0, expires_at: 1, result: null }).execute();
  return `claimed ${key}`;
};

const keysIn = async (store: Store) => (await w(store.db).selectFrom('webhook_keys').select('key').orderBy('key').execute()).map((r) => r.key);

describe('GroupAccept', () => {
  it('runs the accepts of one event-loop turn in one transaction, in order, each getting its own result', async () => {
    const { store, transactions } = await open();
    const group = new GroupAccept(store);

    const results = await Promise.all(['a', 'b', 'c'].map((k) => group.run(k, claim(k))));

    expect(results).toEqual(['claimed a', 'claimed b', 'claimed c']);
    expect(transactions()).toBe(1);
  });

  it('keeps two accepts of the same key apart: the second runs after the first committed and sees its key', async () => {
    const { store, transactions } = await open();
    const group = new GroupAccept(store);

    const results = await Promise.all([group.run('a', claim('a')), group.run('a', claim('a')), group.run('b', claim('b'))]);

    expect(results).toEqual(['claimed a', 'seen t-a', 'claimed b']);
    expect(transactions()).toBe(2);
  });

  it('gives a failing accept its error alone: nothing of it is kept, nor its after-commit hooks run, and the others commit', async () => {
    const { store } = await open();
    const group = new GroupAccept(store);
    const hooks: string[] = [];
    const failing = async (tx: AnyTx) => {
      await claim('bad')(tx);
      store.afterCommit(tx, () => hooks.push('bad'));
      throw new Error('publish failed');
    };
    const counted = (k: string) => async (tx: AnyTx) => {
      const r = await claim(k)(tx);
      store.afterCommit(tx, () => hooks.push(k));
      return r;
    };

    const outcomes = await Promise.allSettled([group.run('a', counted('a')), group.run('bad', failing), group.run('c', counted('c'))]);

    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'claimed a' },
      { status: 'rejected', reason: new Error('publish failed') },
      { status: 'fulfilled', value: 'claimed c' },
    ]);
    expect(await keysIn(store)).toEqual(['a', 'c']);
    expect(hooks.sort()).toEqual(['a', 'c']);
  });
});
