import { resolve } from 'node:path';
import { Kysely, Migrator, sql, type Dialect } from 'kysely';
import { ValidationError } from '../kernel/index.ts';
import { postgresCapabilities, createPostgresDialect, describePostgresUrl, ensureSchema } from './postgres.ts';
import { sqliteCapabilities, createSqliteDialect } from './sqlite.ts';
import type { AnyDb, AnyTx, Executor, MigrationSet, MigrationStatus, Store, StoreCapabilities } from './types.ts';

export interface StoreSettings {
  /** '' → SQLite file `hashi.db` in dataDir; `sqlite:PATH`; `sqlite::memory:`; `postgres://…`. */
  url: string;
  dataDir: string;
  schema?: string;
  poolSize?: number;
}

const MIGRATION_TABLE = 'hashi_migrations';
const MIGRATION_LOCK_TABLE = 'hashi_migrations_lock';

/** Opens the configured backend. Only this file chooses between engines. */
export async function openStore(settings: StoreSettings): Promise<Store> {
  const url = settings.url.trim();
  if (url === '' || url.startsWith('sqlite:')) {
    const file = url === '' ? resolve(settings.dataDir, 'hashi.db') : url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const path = file === ':memory:' ? file : resolve(file);
    const { dialect, close } = createSqliteDialect(path);
    return new KyselyStore(dialect, sqliteCapabilities, `sqlite:${path}`, close, undefined);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    if (settings.schema) await ensureSchema(url, settings.schema);
    const { dialect } = createPostgresDialect(url, { schema: settings.schema, poolSize: settings.poolSize ?? 10 });
    const desc = describePostgresUrl(url) + (settings.schema ? ` (schema ${settings.schema})` : '');
    return new KyselyStore(dialect, postgresCapabilities, desc, () => undefined, settings.schema);
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
    private readonly schema: string | undefined,
  ) {
    this.db = new Kysely({ dialect });
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

  private migrator(migrations: MigrationSet): Migrator {
    return new Migrator({
      db: this.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      ...(this.schema ? { migrationTableSchema: this.schema } : {}),
      // Capabilities number their migrations in their own ranges, so a later
      // capability may add one that sorts before another's applied migration.
      allowUnorderedMigrations: true,
    });
  }

  async migrate(migrations: MigrationSet): Promise<MigrationStatus> {
    const { error, results } = await this.migrator(migrations).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`migration ${failed ?? '(unknown)'} failed: ${(error as Error).message}`, { cause: error });
    }
    return this.migrationStatus(migrations);
  }

  async migrationStatus(migrations: MigrationSet): Promise<MigrationStatus> {
    const list = await this.migrator(migrations).getMigrations();
    return {
      applied: list.filter((m) => m.executedAt !== undefined).map((m) => m.name),
      pending: list.filter((m) => m.executedAt === undefined).map((m) => m.name),
    };
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    this.closeDriver();
  }
}
