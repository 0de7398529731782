import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readEnvironment } from '../../src/config/index.ts';
import { openStore, type MigrationSet, type Store } from '../../src/store/index.ts';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store; `cleanup` removes it entirely. */
  open(migrations: MigrationSet): Promise<{ store: Store; cleanup: () => Promise<void> }>;
  /** A second handle on the same database (another "replica"). */
  reopen?(store: Store): Promise<Store>;
}

const env = readEnvironment();

export const pgUrl = env.testPgUrl;
export const redisUrl = env.testRedisUrl;

const urls = new WeakMap<Store, { url: string; schema?: string; dataDir: string }>();

/** Where a store opened by a backend lives, so a child process can open the same database. */
export function storeLocation(store: Store): { url: string; schema?: string; dataDir: string } {
  const info = urls.get(store);
  if (!info) throw new Error('not a store opened by a test backend');
  return info;
}

export const sqliteBackend: StoreBackend = {
  name: 'sqlite',
  async open(migrations) {
    const dir = mkdtempSync(join(tmpdir(), 'hashi-test-'));
    const url = `sqlite:${join(dir, 'hashi.db')}`;
    const store = await openStore({ url, dataDir: dir });
    urls.set(store, { url, dataDir: dir });
    await store.migrate(migrations);
    return {
      store,
      cleanup: async () => {
        await store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async reopen(store) {
    const info = urls.get(store)!;
    return openStore({ url: info.url, dataDir: info.dataDir });
  },
};

/**
 * Kysely's migrator introspects every schema of the database, and fails when
 * another test worker drops its schema at that moment: creating, migrating and
 * dropping test schemas under one advisory lock keeps the workers apart.
 */
export async function underSchemaLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(20201)');
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock(20201)').catch(() => undefined);
    await client.end();
  }
}

export const postgresBackend: StoreBackend = {
  name: 'postgres',
  async open(migrations) {
    const url = pgUrl!;
    const schema = `hashi_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const store = await underSchemaLock(url, async () => {
      const s = await openStore({ url, dataDir: tmpdir(), schema, poolSize: 8 });
      await s.migrate(migrations);
      return s;
    });
    urls.set(store, { url, schema, dataDir: tmpdir() });
    return {
      store,
      cleanup: async () => {
        await store.close().catch(() => undefined);
        await underSchemaLock(url, async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await client.end();
        });
      },
    };
  },
  async reopen(store) {
    const info = urls.get(store)!;
    return openStore({ url: info.url, dataDir: info.dataDir, schema: info.schema, poolSize: 8 });
  },
};

/**
 * The backends a contract suite runs against: SQLite always, PostgreSQL when
 * HASHI_TEST_PG_URL is set (.ci/run sets it and fails if it was skipped).
 */
export const storeBackends: StoreBackend[] = pgUrl ? [sqliteBackend, postgresBackend] : [sqliteBackend];
