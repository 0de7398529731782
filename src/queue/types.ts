import type { JobTypeSettings } from '../config/index.ts';

export interface JobInput<P = unknown> {
  type: string;
  payload: P;
  /** When the job may first run (ms epoch); default now. */
  runAt?: number;
  /** Enqueueing a key that is already pending or running is a no-op. */
  dedupeKey?: string;
  /** Overrides the type's maxAttempts (e.g. a target's MaximumRetryAttempts + 1). */
  maxAttempts?: number;
  /** Overrides the type's maxAgeMs (e.g. a target's MaximumEventAgeInSeconds). */
  maxAgeMs?: number;
  /** Context kept with the job and copied to its DLQ entry (rule, target, …). */
  meta?: Record<string, unknown>;
}

export interface Job<P = unknown> {
  id: string;
  type: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  createdAt: number;
  expiresAt: number;
  meta: Record<string, unknown>;
  errors: AttemptError[];
}

export interface AttemptError {
  attempt: number;
  at: number;
  code: string;
  message: string;
}

export interface HandlerContext {
  /** Aborted when the process shuts down past its grace period. */
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (job: Job<P>, ctx: HandlerContext) => Promise<void>;

/** Partial-batch failures: only the listed jobs are retried, the rest are acked. */
export interface BatchResult {
  failed?: Array<{ id: string; error: unknown }>;
}
export type BatchHandler<P = unknown> = (jobs: Job<P>[], ctx: HandlerContext) => Promise<BatchResult | void>;

export interface DeadJob {
  id: string;
  type: string;
  payload: unknown;
  attempts: number;
  errors: AttemptError[];
  meta: Record<string, unknown>;
  reason: DeadReason;
  createdAt: number;
  deadAt: number;
}

export type DeadReason = 'permanent' | 'exhausted' | 'expired' | 'lease_expired';

export interface DlqFilter {
  ids?: string[];
  type?: string;
  reason?: DeadReason;
  /** dead_at ≥ since (ms epoch). */
  since?: number;
  until?: number;
  limit?: number;
}

export interface QueueStats {
  type: string;
  ready: number;
  running: number;
  dead: number;
}

export interface QueueSettings {
  pollIntervalMs: number;
  sweepIntervalMs: number;
  defaults: JobTypeSettings;
  types: Record<string, Partial<JobTypeSettings>>;
}
