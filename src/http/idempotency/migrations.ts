import type { Kysely, Migration } from 'kysely';

export const idempotencyMigrations: Record<string, Migration> = {
  '0070_http_idempotency': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_records')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('headers', 'text')
        .addColumn('body', 'text')
        .addColumn('locked_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_records_pk', ['scope', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_records_expires').on('idempotency_records').column('expires_at').execute();
    },
  },
};
