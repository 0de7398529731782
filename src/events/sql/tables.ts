import type { Executor } from '../../store/index.ts';

export type EventLogTable = {
  id: string;
  bus: string;
  source: string;
  detail_type: string;
  event_time: number;
  ingested_at: number;
  chain_depth: number;
  envelope: string;
};

export type EventRulesTable = {
  bus: string;
  name: string;
  /** The normalised RuleDefinition as JSON. */
  definition: string;
  enabled: number;
  schedule: string | null;
  origin: string;
  /** Rate schedules count their periods from here (creation or last change). */
  anchor: number;
  created_at: number;
  updated_at: number;
};

export type EventRuleGenerationTable = { id: number; generation: number };

export type EventArchivesTable = {
  name: string;
  bus: string;
  pattern: string | null;
  retention_days: number;
  description: string | null;
  origin: string;
  created_at: number;
};

export type EventArchiveEntriesTable = {
  archive: string;
  event_id: string;
  event_time: number;
  archived_at: number;
  envelope: string;
};

export type EventReplaysTable = {
  name: string;
  archive: string;
  bus: string;
  start_time: number;
  end_time: number;
  rules: string | null;
  description: string | null;
  state: string;
  state_reason: string | null;
  replayed: number;
  cursor_time: number | null;
  cursor_id: string | null;
  created_at: number;
  ended_at: number | null;
};

export type EventScheduleTicksTable = {
  rule_key: string;
  tick_at: number;
  event_id: string;
  skipped: number;
  fired_at: number;
};

export type EventBusesTable = {
  name: string;
  description: string | null;
  created_at: number;
  updated_at: number;
};

export type EventTagsTable = { arn: string; tag_key: string; tag_value: string };

export type EventTables = {
  event_buses: EventBusesTable;
  event_tags: EventTagsTable;
  event_log: EventLogTable;
  event_rules: EventRulesTable;
  event_rule_generation: EventRuleGenerationTable;
  event_archives: EventArchivesTable;
  event_archive_entries: EventArchiveEntriesTable;
  event_replays: EventReplaysTable;
  event_schedule_ticks: EventScheduleTicksTable;
};

export const t = (db: Executor) => db.withTables<EventTables>();

/** PostgreSQL returns bigint columns as text; SQLite as numbers. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
