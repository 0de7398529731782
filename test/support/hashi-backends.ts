import pg from 'pg';
import type { Clock } from '../../src/kernel/index.ts';
import type { Logger } from '../../src/observability/index.ts';
import { pgUrl, underSchemaLock } from './backends.ts';
import { testHashi } from './hashi.ts';

export type TestHashi = Awaited<ReturnType<typeof testHashi>>;

export interface HashiBackend {
  name: 'sqlite' | 'postgres';
  /** A whole Hashi (HTTP edge built) on a fresh store of this kind; `close` removes the store. */
  open(options?: { yaml?: string; clock?: Clock; logger?: Logger }): Promise<TestHashi>;
}

const sqlite: HashiBackend = { name: 'sqlite', open: (options = {}) => testHashi(options) };

const postgres: HashiBackend = {
  name: 'postgres',
  async open(options = {}) {
    const schema = `hashi_in_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const yaml = `store:\n  url: "${pgUrl}"\n  schema: ${schema}\n${options.yaml ?? ''}`;
    const hashi = await underSchemaLock(pgUrl!, () => testHashi({ ...options, yaml }));
    const close = hashi.close.bind(hashi);
    return Object.assign(hashi, {
      async close() {
        await close();
        await underSchemaLock(pgUrl!, async () => {
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
