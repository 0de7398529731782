import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { counterValue, openBus, recorder, type BusFixture } from '../../../test/events/support.ts';
import { PURGE_JOB } from '../archive/purge.ts';
import { t } from '../sql/tables.ts';

const MIN = 60_000;

for (const backend of storeBackends) {
  describe(`scheduler [${backend.name}]`, () => {
    let f: BusFixture;
    let g: BusFixture | undefined;
    afterEach(async () => {
      await g?.cleanup();
      g = undefined;
      await f?.cleanup();
    });

    async function twoReplicas() {
      const settings = { rules: [{ Name: 'tick', ScheduleExpression: 'rate(5 minutes)', Targets: [{ Id: 'f', Arn: 'function:tick' }] }] };
      f = await openBus(backend, settings);
      g = await openBus(backend, settings, { store: f.store, clock: f.clock });
      const fn = recorder();
      f.bus.registerFunction('tick', fn.fn);
      g.bus.registerFunction('tick', fn.fn);
      await f.bus.init();
      await g.bus.init();
      return fn;
    }

    it('fires an at() schedule once, at its instant in its time zone; a cron whose years are over never fires', async () => {
      // The clock starts at 2026-01-01T12:00Z; 21:30 in Tokyo that day is 12:30Z.
      f = await openBus(backend);
      const fn = recorder();
      f.bus.registerFunction('once', fn.fn);
      await f.bus.putRule({ Name: 'once', ScheduleExpression: 'at(2026-01-01T21:30:00)', ScheduleExpressionTimezone: 'Asia/Tokyo', Targets: [{ Id: 'f', Arn: 'function:once' }] });
      await f.bus.putRule({ Name: 'over', ScheduleExpression: 'cron(0 * * * ? 2019-2020)', Targets: [{ Id: 'f', Arn: 'function:once' }] });
      expect(await f.bus.getRule('once')).toMatchObject({ ScheduleExpression: 'at(2026-01-01T21:30:00)', ScheduleExpressionTimezone: 'Asia/Tokyo' });
      f.clock.tick(29 * MIN);
      expect(await f.bus.runDue()).toEqual([]);
      f.clock.tick(MIN);
      expect(await f.bus.runDue()).toMatchObject([{ rule: 'once', tickAt: Date.UTC(2026, 0, 1, 12, 30), skipped: 0 }]);
      for (let i = 0; i < 3; i++) {
        f.clock.tick(60 * MIN);
        expect(await f.bus.runDue()).toEqual([]);
      }
      await f.queue.drain();
      expect(fn.calls.map((c) => c.event.time)).toEqual(['2026-01-01T12:30:00Z']);
    });

    it('fires each tick exactly once across two bus instances sharing one store', async () => {
      // Prepare: created at 12:00; ticks at 12:05, 12:10, …
      const fn = await twoReplicas();
      // Act: both replicas run every pass, in both orders, and concurrently where the
      // store is shared (two SQLite connections in one thread would block each other).
      const fires = [];
      f.clock.tick(5 * MIN);
      fires.push(...(await f.bus.runDue()), ...(await g!.bus.runDue()));
      f.clock.tick(5 * MIN);
      fires.push(...(await g!.bus.runDue()), ...(await f.bus.runDue()));
      f.clock.tick(5 * MIN);
      const both = f.store.caps.shared ? await Promise.all([f.bus.runDue(), g!.bus.runDue()]) : [await g!.bus.runDue(), await f.bus.runDue()];
      fires.push(...both.flat());
      await f.queue.drain();
      // Assess
      expect(fires.map((x) => new Date(x.tickAt).toISOString())).toEqual(['2026-01-01T12:05:00.000Z', '2026-01-01T12:10:00.000Z', '2026-01-01T12:15:00.000Z']);
      expect(fn.calls.map((c) => c.event.time).sort()).toEqual(['2026-01-01T12:05:00Z', '2026-01-01T12:10:00Z', '2026-01-01T12:15:00Z']);
      const event = fn.calls.find((c) => c.event.time === '2026-01-01T12:05:00Z')!.event;
      expect(event).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event', resources: ['arn:aws:events:local:000000000000:rule/tick'], detail: { _chain_depth: 0 } });
      const ticks = await t(f.store.db).selectFrom('event_schedule_ticks').select(['rule_key', 'tick_at']).where('rule_key', '=', 'default/tick').execute();
      expect(ticks).toHaveLength(3);
    });

    it('after downtime fires the latest missed tick once, skipping and counting the others', async () => {
      const fn = await twoReplicas();
      f.clock.tick(5 * MIN);
      await f.bus.runDue();
      // Down from 12:05 to 13:02.
      f.clock.tick(57 * MIN);
      const [fire] = await g!.bus.runDue();
      expect(await f.bus.runDue()).toEqual([]);
      await f.queue.drain();
      expect(fire).toMatchObject({ rule: 'tick', tickAt: Date.parse('2026-01-01T13:00:00Z'), skipped: 10 });
      expect(fn.calls.map((c) => c.event.time).sort()).toEqual(['2026-01-01T12:05:00Z', '2026-01-01T13:00:00Z']);
      expect(await counterValue(g!.metrics, 'hashi_events_schedule_skipped_ticks_total')).toBe(10);
    });

    it('does not fire disabled rules, and re-anchors a rate rule when it is enabled again', async () => {
      f = await openBus(backend);
      f.bus.registerFunction('tick', recorder().fn);
      const def = { Name: 'later', ScheduleExpression: 'rate(10 minutes)', Targets: [{ Id: 'f', Arn: 'function:tick' }] };
      await f.bus.putRule({ ...def, State: 'DISABLED' });
      f.clock.tick(30 * MIN);
      expect(await f.bus.runDue()).toEqual([]);
      await f.bus.putRule(def);
      f.clock.tick(9 * MIN);
      expect(await f.bus.runDue()).toEqual([]);
      f.clock.tick(MIN);
      expect((await f.bus.runDue()).map((x) => new Date(x.tickAt).toISOString())).toEqual(['2026-01-01T12:40:00.000Z']);
    });

    it('enqueues the purge job once per purge interval across replicas', async () => {
      await twoReplicas();
      await f.bus.runDue();
      await g!.bus.runDue();
      f.clock.tick(MIN);
      await g!.bus.runDue();
      expect((await f.queue.stats()).find((s) => s.type === PURGE_JOB)?.ready).toBe(1);
      expect(await f.queue.drain()).toBe(1);
    });
  });
}
