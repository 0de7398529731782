import type { Kysely, Migration } from 'kysely';

/**
 * SQS queues and messages (range 0800–0899). Times are ms epochs; attributes
 * and tags are JSON text. Append only: a change is a new migration.
 */
export const sqsMigrations: Record<string, Migration> = {
  '0800_sqs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sqs_queues')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('fifo', 'integer', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('purged_at', 'bigint')
        // FIFO: the last sequence number given out; taking the next one locks the queue row,
        // so sequence order is commit order.
        .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('sqs_queues_account_name', ['account', 'name'])
        .execute();
      await db.schema
        .createTable('sqs_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('queue_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text')
        .addColumn('system_attributes', 'text')
        .addColumn('md5_body', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('visible_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('receive_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_received_at', 'bigint')
        // The token of the latest receive: only its receipt handle deletes or changes the message.
        .addColumn('receipt', 'text')
        // Receive order: a ULID for standard queues, the zero-padded sequence number for FIFO.
        .addColumn('seq', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text')
        .addColumn('dedup_id', 'text')
        .addColumn('dlq_source', 'text')
        .execute();
      await db.schema.createIndex('sqs_messages_visible').on('sqs_messages').columns(['queue_id', 'visible_at']).execute();
      await db.schema.createIndex('sqs_messages_order').on('sqs_messages').columns(['queue_id', 'seq']).execute();
      await db.schema.createIndex('sqs_messages_group').on('sqs_messages').columns(['queue_id', 'group_id', 'visible_at']).execute();
      await db.schema.createIndex('sqs_messages_expires').on('sqs_messages').columns(['expires_at']).execute();
      // FIFO deduplication: a (queue, dedup id) seen in the last 5 minutes is not sent again.
      await db.schema
        .createTable('sqs_dedup')
        .addColumn('queue_id', 'text', (c) => c.notNull())
        .addColumn('dedup_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sqs_dedup_pk', ['queue_id', 'dedup_id'])
        .execute();
      // FIFO ReceiveRequestAttemptId: a retried receive gets the same messages for 5 minutes.
      await db.schema
        .createTable('sqs_receive_attempts')
        .addColumn('queue_id', 'text', (c) => c.notNull())
        .addColumn('attempt_id', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('message_ids', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sqs_receive_attempts_pk', ['queue_id', 'attempt_id'])
        .execute();
    },
  },
};
