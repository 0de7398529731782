import { FakeClock } from '../../src/kernel/index.ts';
import { silentLogger } from '../../src/observability/index.ts';
import { createMetrics, type Metrics } from '../../src/observability/index.ts';
import { Queue, queueMigrations, type QueueSettings } from '../../src/queue/index.ts';
import type { Store } from '../../src/store/index.ts';
import { EventBus, eventsMigrations, type EventEnvelope, type EventsSettings, type FunctionContext } from '../../src/events/index.ts';
import pg from 'pg';
import { pgUrl, type StoreBackend } from '../support/backends.ts';

export const migrations = { ...queueMigrations, ...eventsMigrations };

export const queueSettings: QueueSettings = {
  pollIntervalMs: 50,
  sweepIntervalMs: 60_000,
  defaults: { concurrency: 4, maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAgeMs: 86_400_000, visibilityTimeoutMs: 30_000, batchSize: 10 },
  types: {},
};

export interface BusFixture {
  store: Store;
  clock: FakeClock;
  queue: Queue;
  bus: EventBus;
  metrics: Metrics;
  cleanup: () => Promise<void>;
}

/** A bus over a fresh store of `backend`, with a fake clock and a queue that jitters not at all. */
export async function openBus(backend: StoreBackend, settings: Partial<EventsSettings> = {}, shared?: { store: Store; clock: FakeClock }): Promise<BusFixture> {
  let store: Store;
  let cleanup: () => Promise<void>;
  if (shared) {
    store = await backend.reopen!(shared.store);
    cleanup = () => store.close();
  } else {
    const opened = await serialized(backend, () => openWithRetry(backend));
    store = opened.store;
    cleanup = () => serialized(backend, opened.cleanup);
  }
  const clock = shared?.clock ?? new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const metrics = createMetrics();
  const queue = new Queue({ store, clock, settings: queueSettings, logger: silentLogger(), random: () => 0.5 });
  const bus = new EventBus({ store, queue, clock, logger: silentLogger(), metrics, settings });
  return { store, clock, queue, bus, metrics, cleanup };
}

/**
 * PostgreSQL: Kysely's migrator introspects every schema of the database, and
 * fails when another test worker drops its schema at that moment; creating and
 * dropping test schemas under one advisory lock keeps the workers apart.
 */
async function serialized<T>(backend: StoreBackend, fn: () => Promise<T>): Promise<T> {
  if (backend.name !== 'postgres' || !pgUrl) return fn();
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(20200)');
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock(20200)').catch(() => undefined);
    await client.end();
  }
}

/**
 * Other processes (other engineers' suites) share the test database and drop
 * their schemas whenever they like; the lock above cannot keep them out, so a
 * migration that tripped over one is tried again on a fresh schema.
 */
async function openWithRetry(backend: StoreBackend, attempts = 3): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  for (let i = 1; ; i++) {
    try {
      return await backend.open(migrations);
    } catch (err) {
      if (i >= attempts || !/does not exist/.test(String((err as Error).message))) throw err;
    }
  }
}

/** A function target that records what it received. */
export function recorder() {
  const calls: Array<{ event: EventEnvelope; ctx: FunctionContext }> = [];
  const fn = async (event: EventEnvelope, ctx: FunctionContext) => {
    calls.push({ event, ctx });
  };
  return { calls, fn };
}

/** The value of a counter on the registry (0 when never incremented). */
export async function counterValue(metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const m = metrics.registry.getSingleMetric(name);
  if (!m) return 0;
  const { values } = await m.get();
  return values.filter((v) => Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val)).reduce((sum, v) => sum + v.value, 0);
}

/** A `store:` section on a fresh PostgreSQL schema, and how to drop it (for testHashi). */
export async function pgStoreYaml(): Promise<{ yaml: string; drop: () => Promise<void> }> {
  const schema = `hashi_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const postgres = { name: 'postgres' } as StoreBackend;
  return {
    yaml: `store:\n  url: ${pgUrl}\n  schema: ${schema}\n`,
    drop: () =>
      serialized(postgres, async () => {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }),
  };
}
