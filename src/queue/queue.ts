import { randomUUID } from 'node:crypto';
import type { JobTypeSettings } from '../config/index.ts';
import { ValidationError, type Clock, describeError, ulid } from '../kernel/index.ts';
import type { Logger, Observer } from '../observability/index.ts';
import type { Executor, Store } from '../store/index.ts';
import { backoffDelay } from './backoff.ts';
import { classifyFailure } from './classify.ts';
import { CoalescedInsert } from './coalesced-insert.ts';
import { TypeRunner, type Registration } from './runner.ts';
import { buryJob } from './sql/bury.ts';
import { claimJobs } from './sql/claim.ts';
import { completeJob } from './sql/complete.ts';
import { selectDead } from './sql/dlq.ts';
import { insertJobs } from './sql/enqueue.ts';
import { redriveJobs } from './sql/redrive.ts';
import { scheduleRetry } from './sql/retry.ts';
import { findStrandedJobs } from './sql/sweep.ts';
import { queueStats } from './sql/stats.ts';
import type { JobsTable } from './sql/tables.ts';
import type { AttemptError, BatchHandler, DeadJob, DeadReason, DlqFilter, HandlerContext, Job, JobHandler, JobInput, QueueSettings, QueueStats } from './types.ts';

export interface QueueDeps {
  store: Store;
  clock: Clock;
  settings: QueueSettings;
  logger: Logger;
  observer?: Observer;
  /** For jitter; tests pass a seeded or constant function. */
  random?: () => number;
}

export interface EnqueueResult {
  id: string;
  /** False when a job with the same dedupe key was already pending. */
  enqueued: boolean;
}

export class Queue {
  private readonly registrations = new Map<string, Registration>();
  private readonly runners = new Map<string, TypeRunner>();
  private readonly shutdown = new AbortController();
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly random: () => number;
  /**
   * Single-writer stores: enqueues outside a transaction share statements (and commits). Not with
   * concurrent writers: a shared multi-row insert could wait on another transaction's uncommitted
   * dedupe key (or deadlock with one inserting keys in another order), holding up every caller in it.
   */
  private readonly coalesced: CoalescedInsert | undefined;

  constructor(private readonly deps: QueueDeps) {
    this.random = deps.random ?? Math.random;
    this.coalesced = deps.store.caps.singleWriter ? new CoalescedInsert(deps.store.db) : undefined;
  }

  settingsFor(type: string, overrides: Partial<JobTypeSettings> = {}): JobTypeSettings {
    return { ...this.deps.settings.defaults, ...this.deps.settings.types[type], ...overrides };
  }

  /** Enqueue one job; pass `tx` to make it part of the caller's transaction (outbox). */
  async enqueue<P>(input: JobInput<P>, tx?: Executor): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany([input], tx);
    return result!;
  }

  async enqueueMany(inputs: JobInput[], tx?: Executor): Promise<EnqueueResult[]> {
    const now = this.deps.clock.now();
    const rows: JobsTable[] = inputs.map((input) => {
      if (!input.type) throw new ValidationError('QUEUE_INVALID_JOB', 'job type is required');
      const s = this.settingsFor(input.type);
      return {
        id: `job_${ulid(now).toLowerCase()}`,
        type: input.type,
        payload: JSON.stringify(input.payload ?? null),
        run_at: input.runAt ?? now,
        attempts: 0,
        max_attempts: input.maxAttempts ?? s.maxAttempts,
        created_at: now,
        expires_at: now + (input.maxAgeMs ?? s.maxAgeMs),
        lease: null,
        dedupe_key: input.dedupeKey ?? null,
        errors: '[]',
        meta: JSON.stringify(input.meta ?? {}),
      };
    });
    const executor = tx ?? this.deps.store.db;
    const inserted = tx === undefined && this.coalesced ? await this.coalesced.insert(rows) : await insertJobs(executor, rows);
    const types = new Set(rows.filter((r) => inserted.has(r.id)).map((r) => r.type));
    this.deps.store.afterCommit(executor, () => types.forEach((t) => this.notify(t)));
    return rows.map((r) => ({ id: r.id, enqueued: inserted.has(r.id) }));
  }

  register<P>(type: string, handler: JobHandler<P>, overrides: Partial<JobTypeSettings> = {}): void {
    this.addRegistration({ kind: 'single', type, handler: handler as JobHandler, settings: this.settingsFor(type, overrides) });
  }

  /** A handler that receives up to `batchSize` jobs and reports which failed. */
  registerBatch<P>(type: string, handler: BatchHandler<P>, overrides: Partial<JobTypeSettings> = {}): void {
    this.addRegistration({ kind: 'batch', type, handler: handler as BatchHandler, settings: this.settingsFor(type, overrides) });
  }

  private addRegistration(reg: Registration): void {
    if (this.registrations.has(reg.type)) throw new ValidationError('QUEUE_DUPLICATE_HANDLER', `a handler for ${reg.type} is already registered`);
    this.registrations.set(reg.type, reg);
  }

  get types(): string[] {
    return [...this.registrations.keys()];
  }

  /** Wakes the worker loop of `type` (called after local enqueues commit). */
  notify(type: string): void {
    this.runners.get(type)?.pump();
  }

  /** Starts a worker loop per registered type, and the stranded-lease sweeper. */
  start(): void {
    const ctx: HandlerContext = { signal: this.shutdown.signal };
    for (const reg of this.registrations.values()) {
      const runner = new TypeRunner(reg, (r, limit, c) => this.claimAndRun(r, limit, c), this.deps.settings.pollIntervalMs, ctx, this.deps.logger);
      this.runners.set(reg.type, runner);
      runner.start();
    }
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((err) => this.deps.logger.error({ err }, 'queue sweep failed'));
    }, this.deps.settings.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** Stops claiming, waits up to `graceMs` for running jobs, then aborts them. */
  async stop(graceMs: number): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const r of this.runners.values()) r.stop();
    const idle = Promise.all([...this.runners.values()].map((r) => r.idle()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([idle.then(() => 'idle' as const), timeout]);
    if (timer) clearTimeout(timer);
    if (outcome === 'timeout') {
      this.deps.logger.warn('queue shutdown grace elapsed; aborting running jobs (they will run again after their lease)');
      this.shutdown.abort();
    }
    this.runners.clear();
  }

  /**
   * Claims and runs whatever is visible now, once per registered type (or the
   * given ones), and waits for it. Deterministic driving for tests and CLI.
   */
  async runOnce(types: string[] = this.types): Promise<number> {
    let total = 0;
    const ctx: HandlerContext = { signal: this.shutdown.signal };
    for (const type of types) {
      const reg = this.registrations.get(type);
      if (!reg) continue;
      const limit = reg.kind === 'batch' ? reg.settings.batchSize : reg.settings.concurrency;
      const units = await this.claimAndRun(reg, limit, ctx);
      await Promise.all(units);
      total += units.length;
    }
    return total;
  }

  /** Runs `runOnce` until nothing is visible (bounded by `maxRounds`). */
  async drain(maxRounds = 1000, types?: string[]): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce(types);
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  private async claimAndRun(reg: Registration, limit: number, ctx: HandlerContext): Promise<Array<Promise<void>>> {
    const now = this.deps.clock.now();
    const lease = randomUUID();
    const rows = await claimJobs(this.deps.store.db, this.deps.store.caps, {
      type: reg.type,
      limit,
      now,
      visibilityMs: reg.settings.visibilityTimeoutMs,
      lease,
    });
    if (rows.length === 0) return [];
    const live: JobsTable[] = [];
    const units: Array<Promise<void>> = [];
    for (const row of rows) {
      if (now > row.expires_at) {
        const err = { attempt: row.attempts, at: now, code: 'EXPIRED', message: 'job exceeded its maximum age before it could run' };
        units.push(this.bury(row, lease, 'expired', err));
      } else live.push(row);
    }
    if (reg.kind === 'single') {
      for (const row of live) units.push(this.runSingle(reg.handler, row, lease, ctx));
    } else if (live.length > 0) {
      units.push(this.runBatch(reg.handler, live, lease, ctx));
    }
    return units;
  }

  private async runSingle(handler: JobHandler, row: JobsTable, lease: string, ctx: HandlerContext): Promise<void> {
    const started = this.deps.clock.now();
    try {
      await handler(toJob(row), ctx);
    } catch (err) {
      return this.fail(row, lease, err);
    }
    await this.complete(row, lease, started);
  }

  private async runBatch(handler: BatchHandler, rows: JobsTable[], lease: string, ctx: HandlerContext): Promise<void> {
    const started = this.deps.clock.now();
    let failed = new Map<string, unknown>();
    try {
      const result = await handler(rows.map(toJob), ctx);
      failed = new Map((result?.failed ?? []).map((f) => [f.id, f.error]));
    } catch (err) {
      failed = new Map(rows.map((r) => [r.id, err]));
    }
    await Promise.all(rows.map((row) => (failed.has(row.id) ? this.fail(row, lease, failed.get(row.id)) : this.complete(row, lease, started))));
  }

  private async complete(row: JobsTable, lease: string, started: number): Promise<void> {
    try {
      const ok = await completeJob(this.deps.store.db, row.id, lease);
      if (!ok) this.deps.logger.warn({ jobId: row.id, type: row.type }, 'job finished after its lease expired; it may run again');
      this.deps.observer?.emit('job:completed', { type: row.type, id: row.id, durationMs: this.deps.clock.now() - started });
    } catch (err) {
      // The job stays leased and reappears after its visibility timeout: at-least-once.
      this.deps.logger.error({ err, jobId: row.id }, 'could not ack job');
    }
  }

  private async fail(row: JobsTable, lease: string, err: unknown): Promise<void> {
    const settings = this.settingsFor(row.type);
    const now = this.deps.clock.now();
    const decision = classifyFailure({
      err,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      now,
      expiresAt: row.expires_at,
      delayMs: backoffDelay(row.attempts, settings.backoffBaseMs, settings.backoffMaxMs, this.random),
    });
    const { message } = describeError(err);
    try {
      if (decision.action === 'retry') {
        const errors = JSON.stringify([...parseErrors(row.errors), decision.error]);
        await scheduleRetry(this.deps.store.db, { id: row.id, lease, runAt: decision.runAt, errors });
        this.deps.observer?.emit('job:failed', { type: row.type, id: row.id, attempt: row.attempts, error: message, willRetry: true });
      } else {
        this.deps.observer?.emit('job:failed', { type: row.type, id: row.id, attempt: row.attempts, error: message, willRetry: false });
        await this.bury(row, lease, decision.reason, decision.error);
      }
    } catch (storeErr) {
      this.deps.logger.error({ err: storeErr, jobId: row.id }, 'could not record job failure; it reappears after its lease');
    }
  }

  private async bury(row: JobsTable, lease: string | null, reason: DeadReason, error: AttemptError): Promise<void> {
    const errors = JSON.stringify([...parseErrors(row.errors), error]);
    const now = this.deps.clock.now();
    await this.deps.store.transaction((tx) => buryJob(tx, { id: row.id, lease, reason, errors, now }));
    this.deps.observer?.emit('job:dead', { type: row.type, id: row.id, reason });
    this.deps.logger.warn({ jobId: row.id, type: row.type, reason, error: error.message }, 'job dead-lettered');
  }

  /** Dead-letters jobs whose final attempt's worker died (lease expired). */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const stranded = await findStrandedJobs(this.deps.store.db, now, 100);
    for (const s of stranded) {
      const error = { attempt: s.attempts, at: now, code: 'LEASE_EXPIRED', message: 'the worker running the final attempt stopped before acking' };
      const errors = JSON.stringify([...parseErrors(s.errors), error]);
      await this.deps.store.transaction((tx) => buryJob(tx, { id: s.id, lease: null, reason: 'lease_expired', errors, now }));
    }
    return stranded.length;
  }

  async stats(): Promise<QueueStats[]> {
    return queueStats(this.deps.store.db, this.deps.clock.now());
  }

  async listDead(filter: DlqFilter = {}): Promise<DeadJob[]> {
    return (await selectDead(this.deps.store.db, filter)).map((r) => ({
      id: r.id,
      type: r.type,
      payload: JSON.parse(r.payload) as unknown,
      attempts: r.attempts,
      errors: parseErrors(r.errors),
      meta: JSON.parse(r.meta) as Record<string, unknown>,
      reason: r.reason as DeadReason,
      createdAt: r.created_at,
      deadAt: r.dead_at,
    }));
  }

  async getDead(id: string): Promise<DeadJob | undefined> {
    const [job] = await this.listDead({ ids: [id] });
    return job;
  }

  /** Puts dead jobs back (one by id, a filter, or all with `{}`); returns the ids. */
  async redrive(filter: DlqFilter): Promise<string[]> {
    const now = this.deps.clock.now();
    const ids = await this.deps.store.transaction((tx) =>
      redriveJobs(tx, filter, now, (t) => this.settingsFor(t).maxAgeMs, (t) => this.settingsFor(t).maxAttempts),
    );
    if (ids.length > 0) this.types.forEach((t) => this.notify(t));
    return ids;
  }
}

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    errors: parseErrors(row.errors),
  };
}

function parseErrors(text: string): AttemptError[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as AttemptError[]) : [];
  } catch {
    return [];
  }
}
