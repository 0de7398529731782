import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { openBus, recorder, type BusFixture } from '../../../test/events/support.ts';
import { t } from '../sql/tables.ts';
import type { PutEventsEntry } from '../types.ts';

const DAY = 86_400_000;
const ev = (n: number, source = 'shop.orders'): PutEventsEntry => ({ Source: source, DetailType: 'OrderPlaced', Detail: { n } });

for (const backend of storeBackends) {
  describe(`archive and replay [${backend.name}]`, () => {
    let f: BusFixture;
    afterEach(async () => f?.cleanup());

    async function setup() {
      f = await openBus(backend, { archives: [{ ArchiveName: 'orders-only', EventPattern: { source: ['shop.orders'] }, RetentionDays: 30 }] });
      const a = recorder();
      const b = recorder();
      f.bus.registerFunction('a', a.fn);
      f.bus.registerFunction('b', b.fn);
      await f.bus.init();
      await f.bus.createArchive({ ArchiveName: 'everything' });
      await f.bus.putRule({ Name: 'ra', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'a', Arn: 'function:a' }] });
      await f.bus.putRule({ Name: 'rb', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'b', Arn: 'function:b' }] });
      return { a, b };
    }

    it('archives what each archive pattern selects', async () => {
      await setup();
      await f.bus.putEvents([ev(1), ev(2, 'shop.reviews')]);
      const archives = await f.bus.listArchives();
      expect(archives.map((x) => [x.ArchiveName, x.EventCount, x.Origin, x.RetentionDays])).toEqual([
        ['everything', 2, 'api', 30],
        ['orders-only', 1, 'config', 30],
      ]);
      await expect(f.bus.createArchive({ ArchiveName: 'everything' })).rejects.toMatchObject({ code: 'EVENT_ARCHIVE_EXISTS' });
      await expect(f.bus.createArchive({ ArchiveName: 'bad', EventPattern: { source: 'x' } })).rejects.toMatchObject({ code: 'EVENT_PATTERN_INVALID', message: expect.stringContaining('EventPattern: source') });
      await expect(f.bus.deleteArchive('orders-only')).rejects.toMatchObject({ code: 'EVENT_ARCHIVE_MANAGED' });
    });

    it('replays a time window to the chosen rules with replay-name, same ids, and never archives replayed events', async () => {
      // Prepare: three events a minute apart, delivered once.
      const { a, b } = await setup();
      const t0 = f.clock.now();
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        ids.push((await f.bus.putEvents([ev(n)])).Entries[0]!.EventId!);
        f.clock.tick(60_000);
      }
      await f.queue.drain();
      a.calls.length = 0;
      b.calls.length = 0;
      // Act: replay the first two minutes to rule rb only.
      const started = await f.bus.startReplay({ ReplayName: 'fix-1', ArchiveName: 'orders-only', EventStartTime: new Date(t0), EventEndTime: new Date(t0 + 120_000), Rules: ['rb'] });
      expect(started.State).toBe('STARTING');
      await f.queue.drain();
      // Assess
      expect(a.calls).toEqual([]);
      // Deliveries run concurrently; order them by event.
      const replayed = b.calls.map((c) => [c.event.id, c.event['replay-name'], c.event.detail.n]).sort((x, y) => (x[2] as number) - (y[2] as number));
      expect(replayed).toEqual([
        [ids[0], 'fix-1', 1],
        [ids[1], 'fix-1', 2],
      ]);
      expect(await f.bus.getReplay('fix-1')).toMatchObject({ State: 'COMPLETED', EventsReplayed: 2, Rules: ['rb'], EventLastReplayedTime: new Date(t0 + 60_000).toISOString().replace('.000', '') });
      expect((await f.bus.getArchive('orders-only')).EventCount).toBe(3);
      expect((await f.bus.getArchive('everything')).EventCount).toBe(3);

      // A replay to every rule reaches both; it too is not archived.
      await f.bus.startReplay({ ReplayName: 'fix-2', ArchiveName: 'everything', EventStartTime: new Date(t0), EventEndTime: new Date(f.clock.now()) });
      await f.queue.drain();
      expect(a.calls).toHaveLength(3);
      expect(b.calls).toHaveLength(5);
      expect((await f.bus.getArchive('everything')).EventCount).toBe(3);
      expect((await f.bus.listReplays()).map((r) => r.ReplayName).sort()).toEqual(['fix-1', 'fix-2']);
    });

    it('refuses bad replay requests', async () => {
      await setup();
      const now = f.clock.now();
      const req = { ReplayName: 'r', ArchiveName: 'everything', EventStartTime: new Date(now - 1000), EventEndTime: new Date(now) };
      await expect(f.bus.startReplay({ ...req, ArchiveName: 'nope' })).rejects.toMatchObject({ code: 'EVENT_ARCHIVE_NOT_FOUND' });
      await expect(f.bus.startReplay({ ...req, EventEndTime: new Date(now - 2000) })).rejects.toMatchObject({ code: 'EVENT_REPLAY_INVALID' });
      await expect(f.bus.startReplay({ ...req, EventEndTime: new Date(now + 60_000) })).rejects.toMatchObject({ code: 'EVENT_REPLAY_INVALID' });
      await expect(f.bus.startReplay({ ...req, Rules: ['nope'] })).rejects.toMatchObject({ code: 'EVENT_REPLAY_INVALID', message: 'Rules: no rule nope on bus default' });
      await f.bus.startReplay(req);
      await expect(f.bus.startReplay(req)).rejects.toMatchObject({ code: 'EVENT_REPLAY_EXISTS' });
    });

    it('purges archive entries past their retention, the event log past its own, and old schedule ticks', async () => {
      await setup();
      await f.bus.createArchive({ ArchiveName: 'forever', RetentionDays: 0 });
      await f.bus.putEvents([ev(1)]);
      f.clock.tick(29 * DAY);
      await f.bus.putEvents([ev(2)]);
      f.clock.tick(2 * DAY);
      const purged = await f.bus.purge();
      expect(purged).toMatchObject({ archived: 2, logged: 1 });
      expect((await f.bus.getArchive('orders-only')).EventCount).toBe(1);
      expect((await f.bus.getArchive('forever')).EventCount).toBe(2);
      const log = await t(f.store.db).selectFrom('event_log').select('id').execute();
      expect(log).toHaveLength(1);
    });
  });
}
