import { resolve } from 'node:path';
import { Kysely, sql, type Dialect } from 'kysely';
import { applyMigrations, migrationStatus } from './migrate.ts';
import { ValidationError } from '../kernel/index.ts';
import { guardText } from './text-guard.ts';
import type { AnyDb, AnyTx, Executor, MigrationSet, MigrationStatus, Store, StoreCapabilities } from './types.ts';

export interface StoreSettings {
  /** '' → SQLite file `hashi.db` in dataDir; `sqlite:PATH`; `sqlite::memory:`; `postgres://…`. */
  url: string;
  dataDir: string;
  schema?: string;
  poolSize?: number;
}


/**
 * Opens the configured backend. Only this file chooses between engines, and
 * only the chosen engine's driver is loaded (better-sqlite3 or pg).
 */
export async function openStore(settings: StoreSettings): Promise<Store> {
  const url = settings.url.trim();
  if (url === '' || url.startsWith('sqlite:')) {
    const { sqliteCapabilities, createSqliteDialect } = await import('./sqlite.ts');
    const file = url === '' ? resolve(settings.dataDir, 'hashi.db') : url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const path = file === ':memory:' ? file : resolve(file);
    const { dialect, close } = createSqliteDialect(path);
    return new KyselyStore(dialect, sqliteCapabilities, `sqlite:${path}`, close);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { postgresCapabilities, createPostgresDialect, describePostgresUrl, ensureSchema } = await import('./postgres.ts');
    if (settings.schema) await ensureSchema(url, settings.schema);
    const { dialect } = createPostgresDialect(url, { schema: settings.schema, poolSize: settings.poolSize ?? 10 });
    const desc = describePostgresUrl(url) + (settings.schema ? ` (schema ${settings.schema})` : '');
    return new KyselyStore(dialect, postgresCapabilities, desc, () => undefined);
  }
  throw new ValidationError('CONFIG_INVALID', `store.url: unsupported scheme (use sqlite:PATH or postgres://…)`);
}

class KyselyStore implements Store {
  readonly db: AnyDb;
  private readonly hooks = new WeakMap<object, Array<() => void>>();

  constructor(
    dialect: Dialect,
    readonly caps: StoreCapabilities,
    readonly description: string,
    private readonly closeDriver: () => void,
  ) {
    this.db = new Kysely({ dialect: guardText(dialect) });
  }

  async transaction<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T> {
    let txRef: AnyTx | undefined;
    const result = await this.db.transaction().execute(async (tx) => {
      txRef = tx;
      return fn(tx);
    });
    const pending = txRef ? this.hooks.get(txRef) : undefined;
    if (txRef) this.hooks.delete(txRef);
    for (const hook of pending ?? []) hook();
    return result;
  }

  afterCommit(tx: Executor, hook: () => void): void {
    if (!tx.isTransaction) {
      hook();
      return;
    }
    const list = this.hooks.get(tx) ?? [];
    list.push(hook);
    this.hooks.set(tx, list);
  }

  async migrate(migrations: MigrationSet): Promise<MigrationStatus> {
    try {
      await applyMigrations((fn) => this.transaction(fn), this.caps, migrations);
    } catch (err) {
      throw new Error(`migration failed (nothing was applied): ${(err as Error).message}`, { cause: err });
    }
    return this.migrationStatus(migrations);
  }

  async migrationStatus(migrations: MigrationSet): Promise<MigrationStatus> {
    return migrationStatus(this.db, migrations);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    this.closeDriver();
  }
}
