export { Queue, type QueueDeps, type EnqueueResult } from './queue.ts';
export { queueMigrations } from './migrations.ts';
export { backoffDelay } from './backoff.ts';
export type { Job, JobInput, JobHandler, BatchHandler, BatchResult, HandlerContext, DeadJob, DeadReason, DlqFilter, QueueStats, QueueSettings, AttemptError } from './types.ts';
export { QUEUE_CODES } from './errors.ts';
