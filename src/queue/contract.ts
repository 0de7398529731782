import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, PermanentError, RetryableError } from '../kernel/index.ts';
import { silentLogger } from '../observability/index.ts';
import type { Store } from '../store/index.ts';
import { queueMigrations } from './migrations.ts';
import { Queue } from './queue.ts';
import type { Job, QueueSettings } from './types.ts';

export interface QueueBackend {
  name: string;
  open(migrations: typeof queueMigrations): Promise<{ store: Store; cleanup: () => Promise<void> }>;
  reopen?(store: Store): Promise<Store>;
}

const settings = (over: Partial<QueueSettings['defaults']> = {}): QueueSettings => ({
  pollIntervalMs: 20,
  sweepIntervalMs: 1000,
  defaults: {
    concurrency: 4,
    maxAttempts: 3,
    backoffBaseMs: 1000,
    backoffMaxMs: 60_000,
    maxAgeMs: 3_600_000,
    visibilityTimeoutMs: 30_000,
    batchSize: 10,
    ...over,
  },
  types: {},
});

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The queue's contract: every store backend must pass it unchanged. */
export function queueContract(backend: QueueBackend): void {
  describe(`queue contract [${backend.name}]`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let clock: FakeClock;
    const extra: Store[] = [];
    const make = (s: Store = store, over: Partial<QueueSettings['defaults']> = {}) =>
      new Queue({ store: s, clock, settings: settings(over), logger: silentLogger(), random: () => 0.5 });

    beforeEach(async () => {
      ({ store, cleanup } = await backend.open(queueMigrations));
      clock = new FakeClock(Date.UTC(2026, 5, 1));
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await cleanup();
    });

    it('runs an enqueued job once with its payload and removes it', async () => {
      const q = make();
      const seen: Job[] = [];
      q.register('greet', async (job) => {
        seen.push(job);
      });
      await q.enqueue({ type: 'greet', payload: { name: 'Aiko' }, meta: { rule: 'r1' } });
      expect(await q.runOnce()).toBe(1);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.payload).toEqual({ name: 'Aiko' });
      expect(seen[0]!.attempt).toBe(1);
      expect(seen[0]!.meta).toEqual({ rule: 'r1' });
      expect(await q.runOnce()).toBe(0);
      expect(await q.stats()).toEqual([]);
    });

    it('does not run a job before its run-at time', async () => {
      const q = make();
      let runs = 0;
      q.register('later', async () => {
        runs++;
      });
      await q.enqueue({ type: 'later', payload: {}, runAt: clock.now() + 5000 });
      await q.runOnce();
      expect(runs).toBe(0);
      clock.tick(5000);
      await q.runOnce();
      expect(runs).toBe(1);
    });

    it('treats a second enqueue with the same dedupe key as a no-op while pending', async () => {
      const q = make();
      let runs = 0;
      q.register('dedupe', async () => {
        runs++;
      });
      const a = await q.enqueue({ type: 'dedupe', payload: 1, dedupeKey: 'k1' });
      const b = await q.enqueue({ type: 'dedupe', payload: 2, dedupeKey: 'k1' });
      const many = await q.enqueueMany([
        { type: 'dedupe', payload: 3, dedupeKey: 'k1' },
        { type: 'dedupe', payload: 4, dedupeKey: 'k2' },
      ]);
      expect(a.enqueued).toBe(true);
      expect(b.enqueued).toBe(false);
      expect(many.map((m) => m.enqueued)).toEqual([false, true]);
      await q.drain();
      expect(runs).toBe(2);
    });

    it('gives enqueues made at once, outside any transaction, each its own outcome; a shared dedupe key goes to the first', async () => {
      const q = make();
      const payloads: unknown[] = [];
      q.register('at-once', async (job) => {
        payloads.push(job.payload);
      });

      const results = await Promise.all([
        q.enqueue({ type: 'at-once', payload: 'a', dedupeKey: 'same' }),
        q.enqueueMany([
          { type: 'at-once', payload: 'b' },
          { type: 'at-once', payload: 'c', dedupeKey: 'same' },
        ]),
        q.enqueue({ type: 'at-once', payload: 'd' }),
      ]);
      await q.drain();

      expect([results[0].enqueued, results[1].map((r) => r.enqueued), results[2].enqueued]).toEqual([true, [true, false], true]);
      expect(new Set([results[0].id, ...results[1].map((r) => r.id), results[2].id]).size).toBe(4);
      expect(payloads.sort()).toEqual(['a', 'b', 'd']);
    });

    it('enqueues inside the caller transaction: rollback leaves no job, commit does', async () => {
      const q = make();
      await expect(
        store.transaction(async (tx) => {
          await q.enqueue({ type: 'tx', payload: 'rolled back' }, tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await q.stats()).toEqual([]);
      await store.transaction(async (tx) => {
        await q.enqueue({ type: 'tx', payload: 'kept' }, tx);
      });
      expect(await q.stats()).toEqual([{ type: 'tx', ready: 1, running: 0, dead: 0 }]);
    });

    it('never runs one job twice at the same time across concurrent workers', async () => {
      const other = backend.reopen ? await backend.reopen(store) : store;
      if (other !== store) extra.push(other);
      const workers = [make(store, { concurrency: 5 }), make(other, { concurrency: 5 })];
      const running = new Set<string>();
      const runs = new Map<string, number>();
      let overlaps = 0;
      for (const w of workers) {
        w.register('work', async (job: Job<number>) => {
          const key = String(job.payload);
          if (running.has(key)) overlaps++;
          running.add(key);
          runs.set(key, (runs.get(key) ?? 0) + 1);
          await new Promise((r) => setImmediate(r));
          running.delete(key);
        });
      }
      await workers[0]!.enqueueMany(Array.from({ length: 60 }, (_, i) => ({ type: 'work', payload: i })));
      await Promise.all(workers.map((w) => w.drain()));
      expect(overlaps).toBe(0);
      expect(runs.size).toBe(60);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    });

    it('re-delivers a job whose worker died once the visibility timeout passes', async () => {
      const crashed = make(store, { visibilityTimeoutMs: 10_000 });
      const hang = deferred();
      const started = deferred();
      crashed.register('fragile', async () => {
        started.resolve();
        await hang.promise;
      });
      await crashed.enqueue({ type: 'fragile', payload: 'x' });
      const zombie = crashed.runOnce();
      await started.promise;

      const healthy = make();
      const attempts: number[] = [];
      healthy.register('fragile', async (job) => {
        attempts.push(job.attempt);
      });
      clock.tick(9_999);
      expect(await healthy.runOnce()).toBe(0);
      clock.tick(1);
      expect(await healthy.runOnce()).toBe(1);
      expect(attempts).toEqual([2]);

      hang.resolve();
      await zombie;
      expect(await healthy.stats()).toEqual([]);
    });

    it('retries with exponential backoff and jitter, recording each error', async () => {
      const q = make(store, { maxAttempts: 4, backoffBaseMs: 1000 });
      const attempts: number[] = [];
      q.register('flaky', async (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new RetryableError(`try ${job.attempt} failed`);
      });
      await q.enqueue({ type: 'flaky', payload: null });
      await q.runOnce();
      // attempt 1 failed: delay = 1000 → half fixed (500) + 0.5 × 500 = 750
      clock.tick(749);
      expect(await q.runOnce()).toBe(0);
      clock.tick(1);
      expect(await q.runOnce()).toBe(1);
      // attempt 2 failed: delay = 2000 → 1000 + 500 = 1500
      clock.tick(1499);
      expect(await q.runOnce()).toBe(0);
      clock.tick(1);
      expect(await q.runOnce()).toBe(1);
      expect(attempts).toEqual([1, 2, 3]);
      expect(await q.stats()).toEqual([]);
    });

    it('treats unknown errors as retryable and honours a retry-after hint', async () => {
      const q = make();
      let n = 0;
      q.register('hinted', async () => {
        n++;
        if (n === 1) throw new TypeError('boom');
        if (n === 2) throw new RetryableError('slow down', { retryAfterMs: 42_000 });
      });
      await q.enqueue({ type: 'hinted', payload: null });
      await q.runOnce();
      clock.tick(750);
      await q.runOnce();
      expect(n).toBe(2);
      clock.tick(41_999);
      expect(await q.runOnce()).toBe(0);
      clock.tick(1);
      expect(await q.runOnce()).toBe(1);
      expect(n).toBe(3);
    });

    it('sends a PermanentError straight to the DLQ with payload, errors, type and meta', async () => {
      const q = make();
      q.register('doomed', async () => {
        throw new PermanentError('customer C9 does not exist', { code: 'NOT_FOUND' });
      });
      const { id } = await q.enqueue({ type: 'doomed', payload: { c: 'C9' }, meta: { rule: 'r', target: 't' } });
      await q.runOnce();
      const dead = await q.listDead();
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ id, type: 'doomed', payload: { c: 'C9' }, attempts: 1, reason: 'permanent' });
      expect(dead[0]!.meta).toEqual({ rule: 'r', target: 't', errorCode: 'NOT_FOUND', errorMessage: 'customer C9 does not exist' });
      expect(dead[0]!.errors).toEqual([{ attempt: 1, at: clock.now(), code: 'NOT_FOUND', message: 'customer C9 does not exist' }]);
      expect(await q.stats()).toEqual([{ type: 'doomed', ready: 0, running: 0, dead: 1 }]);
    });

    it('dead-letters after max attempts, keeping every attempt error', async () => {
      const q = make(store, { maxAttempts: 3, backoffBaseMs: 10 });
      q.register('always', async (job) => {
        throw new Error(`fail ${job.attempt}`);
      });
      await q.enqueue({ type: 'always', payload: 1 });
      for (let i = 0; i < 5; i++) {
        await q.runOnce();
        clock.tick(1000);
      }
      const [dead] = await q.listDead();
      expect(dead!.reason).toBe('exhausted');
      expect(dead!.errors.map((e) => e.message)).toEqual(['fail 1', 'fail 2', 'fail 3']);
    });

    it('dead-letters a job whose next retry would pass its maximum age', async () => {
      const q = make(store, { maxAttempts: 10, backoffBaseMs: 60_000 });
      q.register('old', async () => {
        throw new RetryableError('upstream down');
      });
      await q.enqueue({ type: 'old', payload: 1, maxAgeMs: 30_000 });
      await q.runOnce();
      const [dead] = await q.listDead();
      expect(dead!.reason).toBe('expired');
    });

    it('redrives one, a filtered set, or all dead jobs', async () => {
      const q = make();
      let fail = true;
      const ran: unknown[] = [];
      q.register('a', async (job) => {
        if (fail) throw new PermanentError('no');
        ran.push(job.payload);
      });
      q.register('b', async (job) => {
        if (fail) throw new PermanentError('no');
        ran.push(job.payload);
      });
      const first = await q.enqueue({ type: 'a', payload: 'a1' });
      await q.enqueueMany([
        { type: 'a', payload: 'a2' },
        { type: 'b', payload: 'b1' },
      ]);
      await q.drain();
      expect((await q.listDead()).length).toBe(3);
      fail = false;

      expect(await q.redrive({ ids: [first.id] })).toEqual([first.id]);
      await q.drain();
      expect(ran).toEqual(['a1']);

      expect((await q.redrive({ type: 'b' })).length).toBe(1);
      await q.drain();
      expect(ran).toEqual(['a1', 'b1']);

      expect((await q.redrive({})).length).toBe(1);
      await q.drain();
      expect(ran.sort()).toEqual(['a1', 'a2', 'b1']);
      expect(await q.listDead()).toEqual([]);
    });

    it('retries only the items a batch handler reports as failed', async () => {
      const q = make(store, { batchSize: 10 });
      const calls: number[][] = [];
      q.registerBatch('batch', async (jobs: Job<number>[]) => {
        calls.push(jobs.map((j) => j.payload).sort((a, b) => a - b));
        return { failed: jobs.filter((j) => j.payload % 2 === 0 && j.attempt === 1).map((j) => ({ id: j.id, error: new Error('even') })) };
      });
      await q.enqueueMany([1, 2, 3, 4, 5].map((n) => ({ type: 'batch', payload: n })));
      await q.runOnce();
      clock.tick(1000);
      await q.runOnce();
      expect(calls).toEqual([
        [1, 2, 3, 4, 5],
        [2, 4],
      ]);
      expect(await q.stats()).toEqual([]);
    });

    it('dead-letters a job whose final attempt was never acked', async () => {
      const q = make(store, { maxAttempts: 1, visibilityTimeoutMs: 1000 });
      const started = deferred();
      q.register('lost', async () => {
        started.resolve();
        await new Promise(() => undefined);
      });
      await q.enqueue({ type: 'lost', payload: 1 });
      void q.runOnce();
      await started.promise;
      expect(await q.sweep()).toBe(0);
      clock.tick(1000);
      expect(await q.sweep()).toBe(1);
      const [dead] = await q.listDead();
      expect(dead!.reason).toBe('lease_expired');
    });

    it('keeps at most `concurrency` jobs of a type running in the worker loop', async () => {
      const q = make(store, { concurrency: 2 });
      let active = 0;
      let peak = 0;
      let done = 0;
      const finished = deferred();
      q.register('limited', async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (++done === 6) finished.resolve();
      });
      await q.enqueueMany(Array.from({ length: 6 }, (_, i) => ({ type: 'limited', payload: i })));
      q.start();
      await finished.promise;
      await q.stop(1000);
      expect(peak).toBe(2);
    });
  });
}
