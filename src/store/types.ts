import type { Kysely, Migration, Transaction } from 'kysely';

/**
 * What a backend can do. Code branches on these, never on the engine's name.
 */
export interface StoreCapabilities {
  /** `SELECT … FOR UPDATE SKIP LOCKED` is available (claims need no global lock). */
  skipLocked: boolean;
  /** Writers are serialised by the engine itself (one writer at a time). */
  singleWriter: boolean;
  /** Several processes can share the store over the network. */
  shared: boolean;
  /** Transaction-scoped advisory locks (`pg_advisory_xact_lock`) are available. */
  advisoryLocks: boolean;
}

// Tables are declared by each capability and attached with `db.withTables<T>()`.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type AnyDb = Kysely<{}>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type AnyTx = Transaction<{}>;
/** Anything a repository can run queries on: the database or an open transaction. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Executor = Kysely<{}>;

export type MigrationSet = Record<string, Migration>;

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export interface Store {
  readonly db: AnyDb;
  readonly caps: StoreCapabilities;
  /** Human description without credentials, e.g. `sqlite:/data/hashi.db`. */
  readonly description: string;
  /**
   * Runs `fn` in one transaction; hooks registered with `afterCommit(tx, …)`
   * run once it has committed.
   */
  transaction<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T>;
  afterCommit(tx: Executor, hook: () => void): void;
  migrate(migrations: MigrationSet): Promise<MigrationStatus>;
  migrationStatus(migrations: MigrationSet): Promise<MigrationStatus>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
