import type { Executor } from '../../store/index.ts';

export type SqsQueuesTable = {
  id: string;
  account: string;
  name: string;
  fifo: number;
  attributes: string;
  tags: string;
  created_at: number;
  updated_at: number;
  purged_at: number | null;
  seq: number;
};

export type SqsMessagesTable = {
  id: string;
  queue_id: string;
  body: string;
  attributes: string | null;
  system_attributes: string | null;
  md5_body: string;
  sent_at: number;
  visible_at: number;
  expires_at: number;
  receive_count: number;
  first_received_at: number | null;
  receipt: string | null;
  seq: string;
  group_id: string | null;
  dedup_id: string | null;
  dlq_source: string | null;
};

export type SqsDedupTable = { queue_id: string; dedup_id: string; message_id: string; seq: string; expires_at: number };
export type SqsReceiveAttemptsTable = { queue_id: string; attempt_id: string; token: string; message_ids: string; expires_at: number };

export type SqsTables = {
  sqs_queues: SqsQueuesTable;
  sqs_messages: SqsMessagesTable;
  sqs_dedup: SqsDedupTable;
  sqs_receive_attempts: SqsReceiveAttemptsTable;
};

export const s = (db: Executor) => db.withTables<SqsTables>();

/** PostgreSQL returns bigint columns as text; SQLite as numbers. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
