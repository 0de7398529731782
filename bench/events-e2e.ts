/**
 * End-to-end event bus throughput: PutEvents (one entry per call, 16
 * concurrent publishers) → rule match → 3 delivery jobs per event in the
 * event's transaction → workers → 3 function targets that count. Baseline in
 * the same run: the bare queue doing the same job traffic (3 no-op jobs
 * enqueued per call, workers running), so the ratio is the bus's own cost.
 * SQLite always, PostgreSQL when HASHI_TEST_PG_URL is set.
 *   npx tsx bench/events-e2e.ts [events=1000]
 * Writes bench/results/events-e2e.json.
 */
import { loadavg } from 'node:os';
import { readEnvironment } from '../src/config/index.ts';
import { EventBus, eventsMigrations } from '../src/events/index.ts';
import { systemClock } from '../src/kernel/index.ts';
import { silentLogger } from '../src/observability/index.ts';
import { Queue, queueMigrations, type QueueSettings } from '../src/queue/index.ts';
import type { Store } from '../src/store/index.ts';
import { postgresBackend, sqliteBackend, type StoreBackend } from '../test/support/backends.ts';
import { environment, round, writeResult } from './support/report.ts';

const EVENTS = Number(process.argv[2] ?? 1000);
const TARGETS = 3;
const PUBLISHERS = 16;
/** Rules on the bus that do not match, so matching is not trivially one rule. */
const OTHER_RULES = 50;

const settings: QueueSettings = {
  pollIntervalMs: 20,
  sweepIntervalMs: 60_000,
  defaults: { concurrency: 16, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAgeMs: 3_600_000, visibilityTimeoutMs: 30_000, batchSize: 50 },
  types: {},
};

async function publishers(n: number, publish: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PUBLISHERS }, async () => {
      while (next < n) await publish(next++);
    }),
  );
}

function waitFor(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (done()) {
        clearInterval(check);
        resolve();
      }
    }, 2);
  });
}

/** The bus: PutEvents with workers running, until every delivery has run. */
async function busRun(store: Store): Promise<{ ms: number; acceptMs: number; deliveries: number }> {
  const queue = new Queue({ store, clock: systemClock, settings, logger: silentLogger() });
  const bus = new EventBus({ store, queue, clock: systemClock, logger: silentLogger(), settings: { scheduler: { enabled: false, intervalMs: 60_000 } } });
  let deliveries = 0;
  for (let t = 0; t < TARGETS; t++) bus.registerFunction(`count${t}`, async () => void deliveries++);
  await bus.putRule({
    Name: 'orders',
    EventPattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 0] }] } },
    Targets: Array.from({ length: TARGETS }, (_, t) => ({ Id: `t${t}`, Arn: `function:count${t}` })),
  });
  for (let r = 0; r < OTHER_RULES; r++) {
    await bus.putRule({ Name: `other-${r}`, EventPattern: { source: [`shop.other${r}`] }, Targets: [{ Id: 't', Arn: 'function:count0' }] });
  }
  const entry = (i: number) => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: { orderId: `o-${i}`, total: 1000 + i, customer: { id: `c-${i % 97}` } } });
  queue.start();
  const t0 = performance.now();
  await publishers(EVENTS, async (i) => {
    const res = await bus.putEvents([entry(i)]);
    if (res.FailedEntryCount > 0) throw new Error(JSON.stringify(res.Entries));
  });
  const acceptMs = performance.now() - t0;
  await waitFor(() => deliveries >= EVENTS * TARGETS);
  const ms = performance.now() - t0;
  await queue.stop(5000);
  return { ms, acceptMs, deliveries };
}

/** Baseline: the same job traffic through the bare queue (3 no-op jobs per call). */
async function queueRun(store: Store): Promise<{ ms: number }> {
  const queue = new Queue({ store, clock: systemClock, settings, logger: silentLogger() });
  let done = 0;
  queue.register('bench.noop', async () => void done++);
  queue.start();
  const t0 = performance.now();
  await publishers(EVENTS, async (i) => {
    await queue.enqueueMany(Array.from({ length: TARGETS }, (_, t) => ({ type: 'bench.noop', payload: { i, t } })));
  });
  await waitFor(() => done >= EVENTS * TARGETS);
  const ms = performance.now() - t0;
  await queue.stop(5000);
  return { ms };
}

async function measure(backend: StoreBackend) {
  const fresh = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
    const { store, cleanup } = await backend.open({ ...queueMigrations, ...eventsMigrations });
    try {
      return await fn(store);
    } finally {
      await cleanup();
    }
  };
  const base = await fresh(queueRun);
  const bus = await fresh(busRun);
  const deliveriesPerSec = (bus.deliveries / bus.ms) * 1000;
  const baselineJobsPerSec = ((EVENTS * TARGETS) / base.ms) * 1000;
  return {
    backend: backend.name,
    events: EVENTS,
    targetsPerEvent: TARGETS,
    deliveriesPerSec: round(deliveriesPerSec),
    eventsPerSecEndToEnd: round((EVENTS / bus.ms) * 1000),
    putEventsAcceptedPerSec: round((EVENTS / bus.acceptMs) * 1000),
    baselineQueueJobsPerSec: round(baselineJobsPerSec),
    ratioToBaseline: round(deliveriesPerSec / baselineJobsPerSec, 3),
    publishers: PUBLISHERS,
    workerConcurrency: settings.defaults.concurrency,
    rulesOnBus: OTHER_RULES + 1,
  };
}

const env = readEnvironment();
const backends = env.testPgUrl ? [sqliteBackend, postgresBackend] : [sqliteBackend];
const results = [];
// The machine is shared: the 1-minute load average says how much to trust the absolute numbers (the ratio holds up better).
const loadBefore = round(loadavg()[0]!);
for (const b of backends) {
  const r = await measure(b);
  console.log(JSON.stringify(r));
  results.push(r);
}
const file = writeResult('events-e2e', {
  benchmark:
    'event bus end to end: PutEvents (1 entry per call, 16 concurrent publishers, workers running) → 3 function targets per event, timed until every delivery ran; baseline: the bare queue with the same job traffic (3 no-op jobs enqueued per call)',
  command: 'HASHI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/events-e2e.ts 1000',
  ...environment(['prom-client']),
  loadAverage1m: { before: loadBefore, after: round(loadavg()[0]!) },
  results,
});
console.log(`wrote ${file}`);
