import type { Kysely, Migration } from 'kysely';

/**
 * Webhook tables (range 0300–0399). Times are ms epochs, JSON is text,
 * booleans are integers 0/1.
 */
export const webhooksMigrations: Record<string, Migration> = {
  '0300_webhook_keys': {
    async up(db: Kysely<unknown>) {
      // One row per (source, idempotency key): `processing` while a delivery is
      // being accepted, `completed` (with the answer) once it committed.
      await db.schema
        .createTable('webhook_keys')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('result', 'text')
        .addPrimaryKeyConstraint('webhook_keys_pk', ['source', 'key'])
        .execute();
      await db.schema.createIndex('webhook_keys_expires_at').on('webhook_keys').column('expires_at').execute();
    },
  },
  '0301_webhook_deliveries': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('headers', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_encoding', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('event_ids', 'text', (c) => c.notNull())
        .addColumn('replay_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_replayed_at', 'bigint')
        .execute();
      await db.schema.createIndex('webhook_deliveries_source_received').on('webhook_deliveries').columns(['source', 'received_at']).execute();
      await db.schema.createIndex('webhook_deliveries_received').on('webhook_deliveries').column('received_at').execute();
    },
  },
  '0302_webhook_subscriptions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('pattern', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_until', 'bigint')
        .addColumn('transform', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('bus', 'text')
        .addColumn('managed_by', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('disabled_at', 'bigint')
        .addColumn('failing_since', 'bigint')
        .addColumn('last_success_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0303_webhook_messages': {
    async up(db: Kysely<unknown>) {
      // One message per (subscription, event[, replay]), its id derived from them so a
      // bus delivery that runs twice adds nothing; the body is what every attempt sends.
      await db.schema
        .createTable('webhook_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_attempt_at', 'bigint')
        .execute();
      await db.schema.createIndex('webhook_messages_subscription').on('webhook_messages').columns(['subscription_id', 'created_at']).execute();
      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('webhook_attempts_sub_at').on('webhook_attempts').columns(['subscription_id', 'at']).execute();
      await db.schema.createIndex('webhook_attempts_message').on('webhook_attempts').column('message_id').execute();
    },
  },
};
