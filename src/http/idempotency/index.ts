export { IdempotencyStore, type ClaimOutcome, type StoredResponse } from './store.ts';
export { registerIdempotency, type IdempotencySettings } from './plugin.ts';
export { idempotencyMigrations } from './migrations.ts';
