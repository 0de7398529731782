import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { counterValue, openBus, recorder, type BusFixture } from '../../../test/events/support.ts';
import { t } from '../sql/tables.ts';
import type { PutEventsEntry } from '../types.ts';

const order = (detail: Record<string, unknown> = { orderId: 'o-1', amount: 12 }): PutEventsEntry => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: detail });

for (const backend of storeBackends) {
  describe(`PutEvents [${backend.name}]`, () => {
    let f: BusFixture;
    afterEach(async () => f?.cleanup());

    it('stores each accepted entry in the EventBridge envelope with account and region from the settings', async () => {
      // Prepare
      f = await openBus(backend, { account: '123456789012', region: 'eu-west-3', buses: ['orders'] });
      await f.bus.init();
      // Act
      const result = await f.bus.putEvents([
        { ...order(), Resources: ['arn:shop:order/o-1'], Time: '2025-12-31T23:59:58.750Z', EventBusName: 'orders' },
        { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-2"}' },
      ]);
      // Assess
      expect(result.FailedEntryCount).toBe(0);
      const [first, second] = result.Entries;
      expect(first!.EventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await f.bus.getEvent(first!.EventId!)).toEqual({
        version: '0',
        id: first!.EventId,
        'detail-type': 'OrderPlaced',
        source: 'shop.orders',
        account: '123456789012',
        time: '2025-12-31T23:59:58Z',
        region: 'eu-west-3',
        resources: ['arn:shop:order/o-1'],
        detail: { orderId: 'o-1', amount: 12, _chain_depth: 0 },
      });
      const stored = await f.bus.getEvent(second!.EventId!);
      expect(stored.time).toBe('2026-01-01T12:00:00Z');
      expect(stored.detail).toEqual({ orderId: 'o-2', _chain_depth: 0 });
      const rows = await t(f.store.db).selectFrom('event_log').select(['id', 'bus']).orderBy('bus').execute();
      expect(rows.map((r) => r.bus)).toEqual(['default', 'orders']);
    });

    it('fails bad entries one by one with EventBridge error codes and keeps the good ones', async () => {
      f = await openBus(backend);
      await f.bus.init();
      const big = 'x'.repeat(256 * 1024);
      const result = await f.bus.putEvents([
        order(),
        { Source: '', DetailType: 'X', Detail: {} },
        { Source: 's', DetailType: 'X', Detail: '[1,2]' },
        { Source: 's', DetailType: 'X', Detail: '{not json' },
        { Source: 's', DetailType: 'X', Detail: { big } },
        { Source: 's', DetailType: 'X', Detail: {}, EventBusName: 'nope' },
        { Source: 'aws.events', DetailType: 'X', Detail: {} },
        { Source: 's', DetailType: 'X', Detail: {}, Time: 'yesterday' },
        order({ orderId: 'o-9' }),
      ]);
      expect(result.FailedEntryCount).toBe(7);
      expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual([
        'ok',
        'InvalidArgument',
        'MalformedDetail',
        'MalformedDetail',
        'InvalidArgument',
        'EVENT_BUS_NOT_FOUND',
        'NotAuthorizedForSourceException',
        'InvalidArgument',
        'ok',
      ]);
      expect(result.Entries[1]!.ErrorMessage).toContain('Source');
      expect(result.Entries[4]!.ErrorMessage).toContain('262144');
      expect(result.Entries[0]!.EventId).toBeDefined();
      const n = await t(f.store.db).selectFrom('event_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(2);
      expect(await counterValue(f.metrics, 'hashi_events_failed_total', { code: 'MalformedDetail' })).toBe(2);
      expect(await counterValue(f.metrics, 'hashi_events_put_total')).toBe(2);
    });

    it('accepts an entry of exactly 256 KB as EventBridge counts it, and refuses one byte more', async () => {
      f = await openBus(backend);
      await f.bus.init();
      // Source (1) + DetailType (1) + Time (14) + Detail: '{"p":"…"}' is 8 bytes around the padding.
      const pad = 256 * 1024 - 1 - 1 - 14 - 8;
      const entry = (n: number): PutEventsEntry => ({ Source: 's', DetailType: 'd', Time: '2026-01-01T00:00:00Z', Detail: JSON.stringify({ p: 'é'.repeat(n / 2) }) });
      const result = await f.bus.putEvents([entry(pad), entry(pad + 2)]);
      expect(result.Entries[0]!.EventId).toBeDefined();
      expect(result.Entries[1]!.ErrorCode).toBe('InvalidArgument');
    });

    it('refuses a call with no entries or more than 10 as a whole', async () => {
      f = await openBus(backend);
      await expect(f.bus.putEvents([])).rejects.toMatchObject({ code: 'EVENTS_REQUEST_INVALID' });
      await expect(f.bus.putEvents(Array.from({ length: 11 }, () => order()))).rejects.toMatchObject({ code: 'EVENTS_REQUEST_INVALID' });
    });

    it('writes nothing, event or job, when the caller rolls back its transaction (outbox)', async () => {
      f = await openBus(backend);
      const { fn } = recorder();
      f.bus.registerFunction('count', fn);
      await f.bus.putRule({ Name: 'all-orders', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 't', Arn: 'function:count' }] });
      let eventId: string | undefined;
      await expect(
        f.store.transaction(async (tx) => {
          const res = await f.bus.putEvents([order()], { tx });
          eventId = res.Entries[0]!.EventId;
          throw new Error('the caller changed its mind');
        }),
      ).rejects.toThrow('changed its mind');
      expect(eventId).toBeDefined();
      await expect(f.bus.getEvent(eventId!)).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
      expect(await f.queue.stats()).toEqual([]);
      expect(await counterValue(f.metrics, 'hashi_events_put_total')).toBe(0);

      await f.store.transaction((tx) => f.bus.putEvents([order()], { tx }));
      expect((await f.queue.stats()).find((s) => s.type === 'events.deliver')?.ready).toBe(1);
    });
  });
}
