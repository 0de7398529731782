import type { Kysely, Migration } from 'kysely';

/** Support Desk tables (range 0600–0699). Append only: a change is a new migration. */
export const supportMigrations: Record<string, Migration> = {
  '0600_support_tickets': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('support_tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('product_type', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('solution', 'text')
        .addColumn('failure_reason', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('tracking_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('estimated_completion_at', 'bigint', (c) => c.notNull())
        .addColumn('completed_at', 'bigint')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      // Listing: a customer's (or a whole tenant's) tickets, newest first.
      await db.schema.createIndex('support_tickets_customer').on('support_tickets').columns(['tenant', 'customer_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('support_tickets_tenant').on('support_tickets').columns(['tenant', 'created_at', 'id']).execute();
      await db.schema.createIndex('support_tickets_expires').on('support_tickets').columns(['expires_at']).execute();
      await db.schema.createIndex('support_tickets_status').on('support_tickets').columns(['status', 'created_at']).execute();

      await db.schema
        .createTable('support_generations')
        .addColumn('ticket_id', 'text', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('passages', 'text', (c) => c.notNull())
        .addColumn('citations', 'text', (c) => c.notNull())
        .addColumn('grounded', 'integer', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('provider_model', 'text', (c) => c.notNull())
        .addColumn('input_tokens', 'integer', (c) => c.notNull())
        .addColumn('output_tokens', 'integer', (c) => c.notNull())
        .addColumn('cost_usd', 'double precision')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('support_feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('resolved', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('support_feedback_ticket').on('support_feedback').columns(['ticket_id']).execute();
    },
  },
  '0601_support_kb': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('support_kb_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('revision', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('support_kb_documents_revision').on('support_kb_documents').columns(['revision']).execute();
      // One row. Every ingest bumps it in its own transaction, which also
      // serialises ingests, so revisions become visible in order.
      await db.schema.createTable('support_kb_state').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('revision', 'bigint', (c) => c.notNull()).execute();
      await (db as Kysely<{ support_kb_state: { id: number; revision: number } }>).insertInto('support_kb_state').values({ id: 1, revision: 0 }).execute();
    },
  },
};
