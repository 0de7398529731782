import type { Kysely, Migration } from 'kysely';

/**
 * The fm tables (range 0400–0499): the budget ledger (holds, then leases),
 * per-call usage and chat sessions. Append-only: a change is a new
 * migration. Times are ms epochs, JSON is text, booleans are 0/1; USD amounts
 * are double precision (REAL on SQLite), summed with an epsilon.
 */
export const fmMigrations: Record<string, Migration> = {
  '0400_fm_budget_ledger': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('fm_budget_scopes')
        .addColumn('scope_key', 'text', (c) => c.primaryKey())
        .addColumn('settled_usd', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('reserved_usd', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('fm_budget_holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('scope_keys', 'text', (c) => c.notNull())
        .addColumn('amount_usd', 'double precision', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fm_budget_holds_created_at').on('fm_budget_holds').column('created_at').execute();
    },
  },
  '0410_fm_usage': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('fm_usage')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_model', 'text', (c) => c.notNull())
        .addColumn('input_tokens', 'integer', (c) => c.notNull())
        .addColumn('output_tokens', 'integer', (c) => c.notNull())
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .addColumn('provider_wait_ms', 'integer', (c) => c.notNull())
        .addColumn('cached', 'integer', (c) => c.notNull())
        .addColumn('cost_usd', 'double precision')
        .addColumn('stop_reason', 'text', (c) => c.notNull())
        .addColumn('route', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('fallback_used', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fm_usage_tenant_at').on('fm_usage').columns(['tenant', 'at']).execute();
      await db.schema.createIndex('fm_usage_at').on('fm_usage').column('at').execute();
    },
  },
  '0420_fm_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('fm_sessions')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('messages', 'text', (c) => c.notNull())
        .addColumn('turns', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('fm_sessions_pk', ['tenant', 'id'])
        .execute();
      await db.schema.createIndex('fm_sessions_expires_at').on('fm_sessions').column('expires_at').execute();
    },
  },
  // Prompt-cache tokens are billed at their own prices, so they are counted apart from input_tokens.
  '0430_fm_usage_cache_tokens': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('fm_usage').addColumn('cache_read_tokens', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('fm_usage').addColumn('cache_write_tokens', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  // The leased budget ledger: one row per (scope, process) holding an allowance (ledger/README.md).
  '0440_fm_budget_leases': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('fm_budget_leases')
        .addColumn('scope_key', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('amount_usd', 'double precision', (c) => c.notNull())
        .addColumn('held_usd', 'double precision', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('fm_budget_leases_pk', ['scope_key', 'owner'])
        .execute();
      await db.schema.createIndex('fm_budget_leases_expires_at').on('fm_budget_leases').column('expires_at').execute();
    },
  },
};
