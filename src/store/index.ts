export { openStore, type StoreSettings } from './open.ts';
export type { Store, StoreCapabilities, AnyDb, AnyTx, Executor, MigrationSet, MigrationStatus } from './types.ts';
export { sql, type Kysely, type Migration, type Transaction } from 'kysely';
