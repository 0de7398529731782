import { afterEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../test/support/backends.ts';
import type { Executor } from '../store/index.ts';
import { CoalescedInsert } from './coalesced-insert.ts';
import { queueMigrations } from './migrations.ts';
import type { JobsTable } from './sql/tables.ts';

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

async function open(): Promise<{ db: Executor; statements: () => number }> {
  const opened = await sqliteBackend.open(queueMigrations);
  cleanup = opened.cleanup;
  let statements = 0;
  const db = opened.store.db.withPlugin({
    transformQuery: (args) => (statements++, args.node),
    transformResult: async (args) => args.result,
  });
  return { db, statements: () => statements };
}

const row = (id: string, dedupeKey: string | null = null): JobsTable => ({
  id,
  type: 't',
  payload: 'null',
  run_at: 0,
  attempts: 0,
  max_attempts: 1,
  created_at: 0,
  expires_at: 1,
  lease: null,
  dedupe_key: dedupeKey,
  errors: '[]',
  meta: '{}',
});

describe('CoalescedInsert', () => {
  it('inserts the rows of one event-loop turn in one statement and tells each caller which of its rows went in', async () => {
    const { db, statements } = await open();
    const insert = new CoalescedInsert(db);

    const results = await Promise.all([insert.insert([row('a', 'k')]), insert.insert([row('b'), row('c', 'k')]), insert.insert([row('d')])]);

    expect(results.map((r) => [...r])).toEqual([['a'], ['b'], ['d']]);
    expect(statements()).toBe(1);
  });

  it('tries each caller alone when the shared statement fails, so one bad caller fails only itself', async () => {
    const { db } = await open();
    const insert = new CoalescedInsert(db);

    const outcomes = await Promise.allSettled([insert.insert([row('x')]), insert.insert([row('x')]), insert.insert([row('y')])]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
