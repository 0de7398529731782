import pg from 'pg';
import { PostgresDialect } from 'kysely';
import type { StoreCapabilities } from './types.ts';

export const postgresCapabilities: StoreCapabilities = { skipLocked: true, singleWriter: false, shared: true, advisoryLocks: true };

// int8 (bigint) columns hold millisecond timestamps and counts, all far below
// 2^53, so they are parsed as numbers rather than pg's default strings.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export function createPostgresDialect(url: string, options: { schema?: string; poolSize: number }): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    types,
    // The schema is set per connection at startup, so every pooled client sees it.
    ...(options.schema ? { options: `-c search_path="${options.schema.replace(/"/g, '""')}"` } : {}),
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}

// Any constant works; it only has to be the same in every replica.
const SCHEMA_LOCK = 727_2027;

/**
 * Creates the schema unless it exists. Two processes creating one at once can
 * both pass IF NOT EXISTS and one then fails on pg_namespace's unique index:
 * an advisory lock for the transaction makes them take turns.
 */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return `postgres://${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(unparsable url)';
  }
}
