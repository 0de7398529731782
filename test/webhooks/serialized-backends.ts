import pg from 'pg';
import { pgUrl, storeBackends, type StoreBackend } from '../support/backends.ts';

/**
 * PostgreSQL: Kysely's migrator introspects every schema of the database and
 * fails when another test worker drops its schema at that moment. Creating and
 * dropping test schemas under one advisory lock (the same one test/events uses)
 * keeps the workers apart.
 */
export async function underSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  if (!pgUrl) return fn();
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(20200)');
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock(20200)').catch(() => undefined);
    await client.end();
  }
}

function serialized(backend: StoreBackend): StoreBackend {
  if (backend.name !== 'postgres') return backend;
  return {
    ...backend,
    async open(migrations) {
      const opened = await underSchemaLock(() => backend.open(migrations));
      return { store: opened.store, cleanup: () => underSchemaLock(opened.cleanup) };
    },
  };
}

/** storeBackends, with PostgreSQL schema creation and removal serialized. */
export const webhookBackends: StoreBackend[] = storeBackends.map(serialized);
