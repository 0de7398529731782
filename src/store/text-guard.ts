import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { ValidationError } from '../kernel/index.ts';

/**
 * The last line behind the edge's text checks: a query parameter holding
 * U+0000 is refused with 400 `TEXT_INVALID` before it reaches the driver, on
 * every engine. PostgreSQL rejects NUL in text ("invalid byte sequence for
 * encoding UTF8: 0x00", a 500) while SQLite stores it, so without this the same
 * request got a 500 on one store and a 200 on the other — for ids in paths,
 * list filters, names. JSON payloads never trip it: JSON.stringify writes NUL
 * as the `\u0000` escape.
 */
function checkParameters(query: CompiledQuery): void {
  for (const p of query.parameters) {
    if (typeof p === 'string' && p.includes('\0')) {
      throw new ValidationError('TEXT_INVALID', 'a value in the request contains U+0000 (NUL), which is not valid text (ids, names, filters and messages may not contain it)');
    }
  }
}

class GuardedConnection implements DatabaseConnection {
  constructor(private readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    checkParameters(query);
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    checkParameters(query);
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class GuardedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, GuardedConnection>();
  private readonly unwrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(private readonly inner: Driver) {
    // Savepoints only when the engine's driver has them (Kysely checks for the methods).
    if (inner.savepoint) this.savepoint = (c, name, compile) => inner.savepoint!(this.raw(c), name, compile);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = (c, name, compile) => inner.rollbackToSavepoint!(this.raw(c), name, compile);
    if (inner.releaseSavepoint) this.releaseSavepoint = (c, name, compile) => inner.releaseSavepoint!(this.raw(c), name, compile);
  }

  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let guarded = this.wrapped.get(connection);
    if (!guarded) {
      guarded = new GuardedConnection(connection);
      this.wrapped.set(connection, guarded);
      this.unwrapped.set(guarded, connection);
    }
    return guarded;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(this.raw(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(this.raw(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(this.raw(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.raw(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  private raw(connection: DatabaseConnection): DatabaseConnection {
    return this.unwrapped.get(connection) ?? connection;
  }
}

/** `dialect` with every query's parameters checked for NUL first. */
export function guardText(dialect: Dialect): Dialect {
  return {
    createDriver: () => new GuardedDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
