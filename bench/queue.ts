/**
 * Queue throughput: enqueue + claim + run (no-op) + ack, on SQLite and (when
 * HASHI_TEST_PG_URL is set) PostgreSQL. Writes bench/results/queue.json.
 *   npx tsx bench/queue.ts [jobs=5000]
 */
import { readEnvironment } from '../src/config/index.ts';
import { systemClock } from '../src/kernel/index.ts';
import { silentLogger } from '../src/observability/index.ts';
import { Queue, queueMigrations, type QueueSettings } from '../src/queue/index.ts';
import { postgresBackend, sqliteBackend, type StoreBackend } from '../test/support/backends.ts';
import { environment, round, writeResult } from './support/report.ts';

const JOBS = Number(process.argv[2] ?? 5000);
const settings: QueueSettings = {
  pollIntervalMs: 50,
  sweepIntervalMs: 60_000,
  defaults: { concurrency: 16, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAgeMs: 3_600_000, visibilityTimeoutMs: 30_000, batchSize: 50 },
  types: {},
};

const PRODUCERS = 16;

async function producers(queue: Queue, jobs: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < jobs) {
        const i = next++;
        await queue.enqueue({ type: 'bench.noop', payload: { i } });
      }
    }),
  );
}

async function measure(backend: StoreBackend) {
  const { store, cleanup } = await backend.open(queueMigrations);
  try {
    const queue = new Queue({ store, clock: systemClock, settings, logger: silentLogger() });
    let done = 0;
    let resolveAll!: () => void;
    const all = new Promise<void>((r) => (resolveAll = r));
    queue.register('bench.noop', async () => {
      if (++done === JOBS * 2) resolveAll();
    });

    // 1. Enqueue one job per call (the outbox case: one job per accepted request),
    //    from 16 concurrent producers as a server handling concurrent requests would.
    let t0 = performance.now();
    await producers(queue, JOBS);
    const enqueueMs = performance.now() - t0;

    // 2. Drain them with the worker loop (claim + run + ack).
    t0 = performance.now();
    queue.start();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (done >= JOBS) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const drainMs = performance.now() - t0;

    // 3. End to end: enqueue while workers run.
    t0 = performance.now();
    await producers(queue, JOBS);
    await all;
    const e2eMs = performance.now() - t0;
    await queue.stop(5000);
    return {
      backend: backend.name,
      jobs: JOBS,
      enqueuePerSec: round((JOBS / enqueueMs) * 1000),
      claimRunAckPerSec: round((JOBS / drainMs) * 1000),
      endToEndJobsPerSec: round((JOBS / e2eMs) * 1000),
      producers: PRODUCERS,
      workerConcurrency: settings.defaults.concurrency,
    };
  } finally {
    await cleanup();
  }
}

const env = readEnvironment();
const backends = env.testPgUrl ? [sqliteBackend, postgresBackend] : [sqliteBackend];
const results = [];
for (const b of backends) {
  const r = await measure(b);
  console.log(JSON.stringify(r));
  results.push(r);
}
const file = writeResult('queue', {
  benchmark: 'queue: enqueue (one job per call, 16 concurrent producers), claim+run+ack (worker loop, no-op handler), and both at once (end to end)',
  command: 'HASHI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/queue.ts 5000',
  ...environment(),
  results,
});
console.log(`wrote ${file}`);
