import type { Kysely, Migration } from 'kysely';

/**
 * The event bus tables (range 0200–0299). Times are ms epochs; JSON is text.
 * Append only: a change is a new migration.
 */
export const eventsMigrations: Record<string, Migration> = {
  '0200_events_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('event_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('bus', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('detail_type', 'text', (c) => c.notNull())
        .addColumn('event_time', 'bigint', (c) => c.notNull())
        .addColumn('ingested_at', 'bigint', (c) => c.notNull())
        .addColumn('chain_depth', 'integer', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_log_ingested').on('event_log').columns(['ingested_at']).execute();
    },
  },
  '0201_events_rules': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('event_rules')
        .addColumn('bus', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('schedule', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('anchor', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_rules_pk', ['bus', 'name'])
        .execute();
      // One row; every rule change bumps it in the same transaction so other
      // replicas know to recompile their rule sets.
      await db.schema
        .createTable('event_rule_generation')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('generation', 'bigint', (c) => c.notNull())
        .execute();
      await (db as Kysely<{ event_rule_generation: { id: number; generation: number } }>)
        .insertInto('event_rule_generation')
        .values({ id: 1, generation: 0 })
        .execute();
    },
  },
  '0202_events_archives': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('event_archives')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('bus', 'text', (c) => c.notNull())
        .addColumn('pattern', 'text')
        .addColumn('retention_days', 'integer', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('event_archive_entries')
        .addColumn('archive', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_time', 'bigint', (c) => c.notNull())
        .addColumn('archived_at', 'bigint', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_archive_entries_pk', ['archive', 'event_id'])
        .execute();
      await db.schema.createIndex('event_archive_entries_time').on('event_archive_entries').columns(['archive', 'event_time', 'event_id']).execute();
      await db.schema.createIndex('event_archive_entries_archived').on('event_archive_entries').columns(['archive', 'archived_at']).execute();
      await db.schema
        .createTable('event_replays')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('archive', 'text', (c) => c.notNull())
        .addColumn('bus', 'text', (c) => c.notNull())
        .addColumn('start_time', 'bigint', (c) => c.notNull())
        .addColumn('end_time', 'bigint', (c) => c.notNull())
        .addColumn('rules', 'text')
        .addColumn('description', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('state_reason', 'text')
        .addColumn('replayed', 'integer', (c) => c.notNull())
        .addColumn('cursor_time', 'bigint')
        .addColumn('cursor_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .execute();
    },
  },
  '0203_events_schedule_ticks': {
    async up(db: Kysely<unknown>) {
      // A tick is fired by whoever inserts its row first: the primary key is
      // the cluster-wide claim.
      await db.schema
        .createTable('event_schedule_ticks')
        .addColumn('rule_key', 'text', (c) => c.notNull())
        .addColumn('tick_at', 'bigint', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('skipped', 'integer', (c) => c.notNull())
        .addColumn('fired_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_schedule_ticks_pk', ['rule_key', 'tick_at'])
        .execute();
    },
  },
  // Buses made at run time (CreateEventBus, the admin API); hashi.yaml's buses and every
  // account's `default` bus exist without a row.
  '0204_event_buses': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('event_buses')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('description', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  // TagResource: tags of buses and rules, by ARN.
  '0205_event_tags': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('event_tags')
        .addColumn('arn', 'text', (c) => c.notNull())
        .addColumn('tag_key', 'text', (c) => c.notNull())
        .addColumn('tag_value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_tags_pk', ['arn', 'tag_key'])
        .execute();
    },
  },
};
