import type { Executor } from '../../store/index.ts';

export type JobsTable = {
  id: string;
  type: string;
  payload: string;
  run_at: number;
  attempts: number;
  max_attempts: number;
  created_at: number;
  expires_at: number;
  lease: string | null;
  dedupe_key: string | null;
  errors: string;
  meta: string;
}

export type DeadJobsTable = {
  id: string;
  type: string;
  payload: string;
  attempts: number;
  errors: string;
  meta: string;
  reason: string;
  created_at: number;
  dead_at: number;
}

export type QueueTables = {
  jobs: JobsTable;
  dead_jobs: DeadJobsTable;
}

export const q = (db: Executor) => db.withTables<QueueTables>();
