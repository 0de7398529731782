import pg from 'pg';
import type { Clock } from '../../src/kernel/index.ts';
import type { Logger } from '../../src/observability/index.ts';
import { pgUrl } from './backends.ts';
import { testHashi } from './hashi.ts';

export type TestHashi = Awaited<ReturnType<typeof testHashi>>;

export interface HashiBackend {
  name: 'sqlite' | 'postgres';
  /** A whole Hashi (HTTP edge built) on a fresh store of this kind; `close` removes the store. */
  open(options?: { yaml?: string; clock?: Clock; logger?: Logger }): Promise<TestHashi>;
}

// The lock test/support/backends.ts takes around schema creation and removal:
// Kysely's migrator introspects every schema and trips over one being dropped.
async function underSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(20201)');
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock(20201)').catch(() => undefined);
    await client.end();
  }
}

const sqlite: HashiBackend = { name: 'sqlite', open: (options = {}) => testHashi(options) };

const postgres: HashiBackend = {
  name: 'postgres',
  async open(options = {}) {
    const schema = `hashi_in_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const yaml = `store:\n  url: "${pgUrl}"\n  schema: ${schema}\n${options.yaml ?? ''}`;
    const hashi = await underSchemaLock(() => testHashi({ ...options, yaml }));
    const close = hashi.close.bind(hashi);
    return Object.assign(hashi, {
      async close() {
        await close();
        await underSchemaLock(async () => {
          const client = new pg.Client({ connectionString: pgUrl });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        });
      },
    });
  },
};

/** SQLite always; PostgreSQL when HASHI_TEST_PG_URL is set (.ci/run sets it and fails if it was skipped). */
export const hashiBackends: HashiBackend[] = pgUrl ? [sqlite, postgres] : [sqlite];
