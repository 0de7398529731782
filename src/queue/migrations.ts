import type { Kysely, Migration } from 'kysely';

/** Jobs and dead jobs. Times are ms epochs; payload, errors and meta are JSON text. */
export const queueMigrations: Record<string, Migration> = {
  '0100_queue_jobs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('lease', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('jobs_type_run_at').on('jobs').columns(['type', 'run_at']).execute();
      await db.schema
        .createTable('dead_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('errors', 'text', (c) => c.notNull())
        .addColumn('meta', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('dead_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dead_jobs_type_dead_at').on('dead_jobs').columns(['type', 'dead_at']).execute();
    },
  },
};
