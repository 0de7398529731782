import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { counterValue, openBus, recorder, type BusFixture } from '../../../test/events/support.ts';
import { PermanentError } from '../../kernel/index.ts';
import type { DeliveryInput, PutEventsEntry } from '../types.ts';
import { DELIVER_JOB } from './jobs.ts';

const order: PutEventsEntry = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: { orderId: 'o-1', customer: { name: 'Aiko' }, total: 4200 } };

for (const backend of storeBackends) {
  describe(`delivery [${backend.name}]`, () => {
    let f: BusFixture;
    afterEach(async () => f?.cleanup());

    it('fans one event out to 3 targets, one durable job each, with whole event, Input and InputTransformer', async () => {
      // Prepare
      f = await openBus(backend);
      const a = recorder();
      const b = recorder();
      const c = recorder();
      f.bus.registerFunction('a', a.fn);
      f.bus.registerFunction('b', b.fn);
      f.bus.registerFunction('c', c.fn);
      await f.bus.putRule({
        Name: 'orders',
        EventPattern: { source: ['shop.orders'], detail: { total: [{ numeric: ['>', 1000] }] } },
        Targets: [
          { Id: 'whole', Arn: 'function:a' },
          { Id: 'constant', Arn: 'function:b', Input: '{"kind":"constant"}' },
          {
            Id: 'shaped',
            Arn: 'function:c',
            InputTransformer: { InputPathsMap: { id: '$.detail.orderId', who: '$.detail.customer.name' }, InputTemplate: '"Order <id> for <who> (rule <aws.events.rule-name>)"' },
          },
        ],
      });
      // Act
      const put = await f.bus.putEvents([order, { ...order, Detail: { orderId: 'o-2', total: 10 } }]);
      const stats = await f.queue.stats();
      const ran = await f.queue.drain();
      // Assess
      expect(stats.find((s) => s.type === DELIVER_JOB)?.ready).toBe(3);
      expect(ran).toBe(3);
      const id = put.Entries[0]!.EventId;
      expect(a.calls.map((x) => x.event.id)).toEqual([id]);
      expect(a.calls[0]!.ctx.input).toEqual(a.calls[0]!.event);
      expect(a.calls[0]!.ctx.rule).toBe('orders');
      expect(a.calls[0]!.ctx.attempt).toBe(1);
      expect(b.calls[0]!.ctx.input).toEqual({ kind: 'constant' });
      expect(c.calls[0]!.ctx.input).toBe('Order o-1 for Aiko (rule orders)');
      expect(await counterValue(f.metrics, 'hashi_events_deliveries_total', { kind: 'function', outcome: 'delivered' })).toBe(3);
    });

    it('maps RetryPolicy onto the job, retries with backoff, dead-letters with context, and redrive delivers', async () => {
      f = await openBus(backend);
      let failures = 2;
      const seen: number[] = [];
      f.bus.registerFunction('flaky', async (_event, ctx) => {
        seen.push(ctx.attempt);
        if (failures-- > 0) throw new Error(`downstream said no (${failures})`);
      });
      await f.bus.putRule({
        Name: 'flaky-rule',
        EventPattern: { source: ['shop.orders'] },
        Targets: [{ Id: 'fl', Arn: 'function:flaky', RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 } }],
      });
      const put = await f.bus.putEvents([order]);
      const eventId = put.Entries[0]!.EventId!;

      await f.queue.runOnce();
      expect(await f.queue.listDead()).toEqual([]);
      // Backoff: base 1 s, attempt 1 → 0.5–1 s (random fixed at 0.5 → 750 ms).
      f.clock.tick(749);
      expect(await f.queue.runOnce()).toBe(0);
      f.clock.tick(1);
      await f.queue.runOnce();

      const [dead] = await f.queue.listDead();
      expect(dead).toMatchObject({
        type: DELIVER_JOB,
        reason: 'exhausted',
        attempts: 2,
        meta: { rule: 'flaky-rule', bus: 'default', target: 'fl', targetArn: 'function:flaky', eventId },
      });
      expect(dead!.errors.at(-1)).toMatchObject({ code: 'Error', message: 'downstream said no (0)' });
      expect(dead!.createdAt + 3600 * 1000).toBeGreaterThan(f.clock.now());

      expect(await f.queue.redrive({ ids: [dead!.id] })).toEqual([dead!.id]);
      await f.queue.drain();
      expect(seen).toEqual([1, 2, 1]);
      expect(await f.queue.listDead()).toEqual([]);
    });

    it('dead-letters at once on a PermanentError', async () => {
      f = await openBus(backend);
      f.bus.registerFunction('refuse', async () => {
        throw new PermanentError('order is malformed', { code: 'ORDER_MALFORMED' });
      });
      await f.bus.putRule({ Name: 'r', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 't', Arn: 'function:refuse' }] });
      await f.bus.putEvents([order]);
      await f.queue.runOnce();
      const [dead] = await f.queue.listDead();
      expect(dead).toMatchObject({ reason: 'permanent', attempts: 1, meta: { rule: 'r', target: 't' } });
      expect(dead!.errors[0]).toMatchObject({ code: 'ORDER_MALFORMED', message: 'order is malformed' });
    });

    it('delivers nothing when the InputPath selects nothing, as EventBridge', async () => {
      f = await openBus(backend);
      const r = recorder();
      f.bus.registerFunction('r', r.fn);
      await f.bus.putRule({ Name: 'r', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'p', Arn: 'function:r', InputPath: '$.detail.missing' }] });
      await f.bus.putEvents([order]);
      expect(await f.queue.drain()).toBe(1);
      expect(r.calls).toEqual([]);
    });

    it('forwards to another bus one chain step deeper', async () => {
      f = await openBus(backend, { buses: ['analytics'] });
      const r = recorder();
      f.bus.registerFunction('count', r.fn);
      await f.bus.putRule({ Name: 'fwd', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'b', Arn: 'bus:analytics' }] });
      await f.bus.putRule({ Name: 'count', EventBusName: 'analytics', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'c', Arn: 'function:count' }] });
      const put = await f.bus.putEvents([order]);
      await f.queue.drain();
      expect(r.calls).toHaveLength(1);
      const forwarded = r.calls[0]!.event;
      expect(forwarded.id).not.toBe(put.Entries[0]!.EventId);
      expect(forwarded.detail).toMatchObject({ orderId: 'o-1', _chain_depth: 1, _caused_by: put.Entries[0]!.EventId });
    });

    it('lets the webhooks capability register a kind that receives the transformed input', async () => {
      f = await openBus(backend);
      const got: DeliveryInput[] = [];
      f.bus.registerTargetKind('http', async (input) => void got.push(input));
      await f.bus.putRule({ Name: 'hook', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'h', Arn: 'http:https://example.com/hook', InputPath: '$.detail', Config: { header: 'x' } }] });
      await f.bus.putEvents([order]);
      await f.queue.drain();
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ kind: 'http', name: 'https://example.com/hook', rule: 'hook', bus: 'default', attempt: 1, target: { Config: { header: 'x' } } });
      expect(JSON.parse(got[0]!.input)).toEqual({ orderId: 'o-1', customer: { name: 'Aiko' }, total: 4200, _chain_depth: 0 });
    });
  });
}
