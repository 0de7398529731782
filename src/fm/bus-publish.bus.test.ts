import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/support/backends.ts';
import { EventBus, eventsMigrations } from '../events/index.ts';
import { systemClock } from '../kernel/index.ts';
import { silentLogger } from '../observability/index.ts';
import { Queue, queueMigrations, type QueueSettings } from '../queue/index.ts';
import type { Executor } from '../store/index.ts';
import { publishToBus } from './bus-publish.ts';

const settings: QueueSettings = {
  pollIntervalMs: 1000,
  sweepIntervalMs: 60_000,
  defaults: { concurrency: 1, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAgeMs: 3_600_000, visibilityTimeoutMs: 30_000, batchSize: 50 },
  types: {},
};

for (const backend of storeBackends) {
  describe(`publishToBus into the real bus [${backend.name}]`, () => {
    let cleanup: () => Promise<void> = async () => undefined;
    afterEach(() => cleanup());

    it('writes a whole flush of InferenceCompleted events and their delivery jobs in one transaction', async () => {
      const opened = await backend.open({ ...queueMigrations, ...eventsMigrations });
      cleanup = opened.cleanup;
      const { store } = opened;
      const queue = new Queue({ store, clock: systemClock, settings, logger: silentLogger() });
      const bus = new EventBus({ store, queue, clock: systemClock, logger: silentLogger(), settings: { scheduler: { enabled: false, intervalMs: 60_000 } } });
      bus.registerFunction('analytics', async () => undefined);
      await bus.putRule({ Name: 'analytics', EventPattern: { source: ['hashi.fm'], 'detail-type': ['InferenceCompleted'] }, Targets: [{ Id: 'a', Arn: 'function:analytics' }] });
      let transactions = 0;
      const transaction = <T>(work: (tx: Executor) => Promise<T>) => (transactions++, store.transaction(work));
      const publish = publishToBus(bus, { transaction, flushIntervalMs: 60_000 });

      const published = Array.from({ length: 25 }, (_, i) => publish('InferenceCompleted', { model: 'haiku', i }));
      await publish.flush();
      await Promise.all(published);

      const db = store.db.withTables<{ event_log: { detail_type: string } }>();
      const events = await db.selectFrom('event_log').select((eb) => eb.fn.countAll<number>().as('n')).where('detail_type', '=', 'InferenceCompleted').executeTakeFirstOrThrow();
      expect(transactions).toBe(1);
      expect(Number(events.n)).toBe(25);
      const ready = (await queue.stats()).reduce((sum, s) => sum + s.ready, 0);
      expect(ready).toBe(25); // one delivery job per event, committed with it
    });
  });
}
