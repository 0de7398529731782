import type { Kysely, Migration } from 'kysely';

/**
 * MangaAssist's tables (range 0700–0799). Times are ms epochs, JSON is text,
 * booleans are 0/1, money is double precision in major units. Append only.
 */
export const mangaMigrations: Record<string, Migration> = {
  '0700_manga_products': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('series', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_alt', 'text')
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('genre', 'text', (c) => c.notNull())
        .addColumn('volume', 'integer', (c) => c.notNull())
        .addColumn('synopsis', 'text', (c) => c.notNull())
        .addColumn('price', 'double precision', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('stock', 'integer', (c) => c.notNull())
        .addColumn('stock_threshold', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('release_date', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('ai_description', 'text')
        .addColumn('ai_tags', 'text')
        .addColumn('ai_source', 'text')
        .addColumn('ai_updated_at', 'bigint')
        .addColumn('embedding', 'text')
        .addColumn('embedding_model', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('manga_products_series').on('manga_products').columns(['series', 'language', 'volume']).execute();
    },
  },
  '0701_manga_orders': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('amount', 'double precision', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('payment_ref', 'text')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('confirmation', 'text', (c) => c.notNull())
        .addColumn('confirmation_source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0702_manga_chat': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_chat_sessions')
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_active_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('manga_chat_sessions_pk', ['tenant', 'session_id'])
        .execute();
      await db.schema
        .createTable('manga_chat_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('product_ids', 'text', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('manga_chat_messages_session').on('manga_chat_messages').columns(['tenant', 'session_id', 'seq']).execute();
    },
  },
  '0703_manga_customers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_customer_activity')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('last_active_at', 'bigint', (c) => c.notNull())
        .addColumn('product_ids', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('manga_customer_activity_active').on('manga_customer_activity').columns(['last_active_at']).execute();
      await db.schema
        .createTable('manga_recommendations')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('based_on', 'text', (c) => c.notNull())
        .addColumn('generated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0704_manga_reviews': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_reviews')
        .addColumn('review_id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('rating', 'integer')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('sentiment', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('safe', 'integer', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('verdict_source', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('manga_reviews_product').on('manga_reviews').columns(['product_id', 'status']).execute();
    },
  },
  '0705_manga_mail_outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_mail_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_key', 'text', (c) => c.notNull().unique())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('delivered_to', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .execute();
    },
  },
  '0706_manga_catalog_batches': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_catalog_batches')
        .addColumn('batch_id', 'text', (c) => c.primaryKey())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('manga_catalog_items')
        .addColumn('batch_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('event_id', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('manga_catalog_items_pk', ['batch_id', 'idx'])
        .execute();
    },
  },
  '0707_manga_inference_daily': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('manga_inference_daily')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('requests', 'integer', (c) => c.notNull())
        .addColumn('cached', 'integer', (c) => c.notNull())
        .addColumn('input_tokens', 'bigint', (c) => c.notNull())
        .addColumn('output_tokens', 'bigint', (c) => c.notNull())
        .addColumn('cost_usd', 'double precision', (c) => c.notNull())
        .addColumn('unpriced', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('manga_inference_daily_pk', ['day', 'model'])
        .execute();
      await db.schema
        .createTable('manga_inference_seen')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('day', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('manga_inference_seen_day').on('manga_inference_seen').columns(['day']).execute();
    },
  },
};
