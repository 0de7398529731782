import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { MemoryCounter } from '../../src/cache/index.ts';
import { buildServer } from '../../src/http/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { createLogger, createMetrics, Observer } from '../../src/observability/index.ts';
import { Queue, queueMigrations, type QueueSettings } from '../../src/queue/index.ts';
import type { Store } from '../../src/store/index.ts';
import { Webhooks, webhooksMigrations, type SubscriptionConfig, type WebhookSourceConfig, type WebhooksDeps } from '../../src/webhooks/index.ts';
import { sqliteBackend, type StoreBackend } from '../support/backends.ts';
import { testConfig } from '../support/hashi.ts';
import { TestBus, testBusMigrations } from './test-bus.ts';

export const ADMIN = { 'x-admin-key': 'test-admin-key' };

const queueSettings: QueueSettings = {
  pollIntervalMs: 20,
  sweepIntervalMs: 60_000,
  defaults: { concurrency: 4, maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAgeMs: 86_400_000, visibilityTimeoutMs: 30_000, batchSize: 10 },
  types: {},
};

export interface HarnessOptions {
  backend?: StoreBackend;
  sources?: Record<string, WebhookSourceConfig>;
  subscriptions?: SubscriptionConfig[];
  settings?: WebhooksDeps['settings'];
  lookup?: WebhooksDeps['lookup'];
  clock?: FakeClock;
  /** Extra hashi.yaml for the edge (e.g. `server:\n  trustProxy: true\n`). */
  yaml?: string;
}

export interface Harness {
  store: Store;
  queue: Queue;
  bus: TestBus;
  webhooks: Webhooks;
  app: FastifyInstance;
  clock: FakeClock;
  observer: Observer;
  /** Every log line written, as text (to check nothing secret is logged). */
  logs: () => string;
  close(): Promise<void>;
}

/** The webhooks capability over a real store, queue and HTTP edge, publishing into a TestBus. */
export async function webhooksHarness(options: HarnessOptions = {}): Promise<Harness> {
  const backend = options.backend ?? sqliteBackend;
  const { store, cleanup } = await backend.open({ ...queueMigrations, ...webhooksMigrations, ...testBusMigrations });
  const clock = options.clock ?? new FakeClock(Date.UTC(2026, 0, 1));
  let logText = '';
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _enc, done) => ((logText += chunk.toString()), done()) }) });
  const observer = new Observer(logger);
  const queue = new Queue({ store, clock, settings: queueSettings, logger, random: () => 0.5 });
  const bus = new TestBus(store);
  const webhooks = new Webhooks({
    store,
    queue,
    clock,
    logger,
    observer,
    publisher: bus,
    sources: options.sources ?? {},
    subscriptions: options.subscriptions ?? [],
    settings: options.settings ?? {},
    ...(options.lookup ? { lookup: options.lookup } : {}),
    random: () => 0,
  });
  await webhooks.start();
  await webhooks.attachBus(bus);
  const config = testConfig(options.yaml ?? '');
  const app = await buildServer({
    config,
    clock,
    logger,
    metrics: createMetrics(),
    counter: new MemoryCounter(clock),
    authSchemes: [],
    version: 'test',
    readiness: async () => ({ ok: true, checks: {} }),
    routes: webhooks.routes(),
  });
  return {
    store,
    queue,
    bus,
    webhooks,
    app,
    clock,
    observer,
    logs: () => logText,
    async close() {
      await app.close();
      await queue.stop(1000);
      await cleanup();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
