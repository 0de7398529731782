import { sql } from 'kysely';
import type { AnyDb, AnyTx, MigrationSet, MigrationStatus, StoreCapabilities } from './types.ts';

const TABLE = 'hashi_migrations';
// Any constant works; it only has to be the same in every replica.
const MIGRATION_LOCK = 727_2026;

/**
 * Applies pending migrations in name order, all in one transaction: either
 * every pending migration lands or none does. Replicas starting at once
 * serialise on an advisory lock (PostgreSQL) or the write lock (SQLite's
 * BEGIN IMMEDIATE). Unlike Kysely's Migrator this never introspects the
 * database's other schemas, so a schema dropped elsewhere at that moment
 * cannot fail our migration. Capabilities number migrations in their own
 * ranges, so a later one may sort before an applied one: it is applied anyway.
 */
export async function applyMigrations(
  transaction: <T>(fn: (tx: AnyTx) => Promise<T>) => Promise<T>,
  caps: StoreCapabilities,
  migrations: MigrationSet,
  now: () => Date = () => new Date(),
): Promise<string[]> {
  return transaction(async (tx) => {
    if (caps.advisoryLocks) await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql`create table if not exists ${sql.table(TABLE)} (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(tx);
    const applied = new Set(await appliedNames(tx));
    const pending = Object.keys(migrations)
      .filter((name) => !applied.has(name))
      .sort();
    for (const name of pending) {
      await migrations[name]!.up(tx as never);
      await sql`insert into ${sql.table(TABLE)} (name, timestamp) values (${name}, ${now().toISOString()})`.execute(tx);
    }
    return pending;
  });
}

export async function migrationStatus(db: AnyDb, migrations: MigrationSet): Promise<MigrationStatus> {
  let applied: string[];
  try {
    applied = await appliedNames(db);
  } catch {
    applied = []; // no migration table yet: nothing applied
  }
  const known = Object.keys(migrations).sort();
  return { applied: known.filter((n) => applied.includes(n)), pending: known.filter((n) => !applied.includes(n)) };
}

async function appliedNames(db: AnyDb | AnyTx): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(TABLE)}`.execute(db);
  return rows.map((r) => r.name);
}
