import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { counterValue, openBus, type BusFixture } from '../../../test/events/support.ts';
import type { PutEventsResult } from '../types.ts';

const reviewSchema = {
  type: 'object',
  required: ['reviewId', 'rating'],
  additionalProperties: false,
  properties: { reviewId: { type: 'string' }, rating: { type: 'integer', minimum: 1, maximum: 5 } },
};

for (const backend of storeBackends) {
  describe(`schema registry and loop guard [${backend.name}]`, () => {
    let f: BusFixture;
    afterEach(async () => f?.cleanup());

    it('refuses entries that violate an enforced schema with the errors in the message; an unenforced one is only counted', async () => {
      f = await openBus(backend, {
        schemas: [
          { source: 'shop.reviews', detailType: 'ReviewPosted', schema: reviewSchema, enforce: true },
          { source: 'shop.reviews', detailType: 'ReviewEdited', schema: reviewSchema, enforce: false },
        ],
      });
      const result = await f.bus.putEvents([
        { Source: 'shop.reviews', DetailType: 'ReviewPosted', Detail: { reviewId: 'r1', rating: 5 } },
        { Source: 'shop.reviews', DetailType: 'ReviewPosted', Detail: { reviewId: 'r2', rating: 9, extra: true } },
        { Source: 'shop.reviews', DetailType: 'ReviewEdited', Detail: { rating: 0 } },
        // The loop-guard fields are the bus's, not the publisher's: a schema never sees them.
        { Source: 'shop.reviews', DetailType: 'ReviewPosted', Detail: { reviewId: 'r3', rating: 4, _chain_depth: 1 } },
      ]);
      expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'EVENT_SCHEMA_VIOLATION', 'ok', 'ok']);
      expect(result.Entries[1]!.ErrorMessage).toBe(
        'Detail does not match the schema of (shop.reviews, ReviewPosted): detail.extra: is not a known property; detail.rating: must be <= 5',
      );
      expect(await counterValue(f.metrics, 'hashi_events_schema_violations_total', { enforced: 'true' })).toBe(1);
      expect(await counterValue(f.metrics, 'hashi_events_schema_violations_total', { enforced: 'false' })).toBe(1);
      expect(f.bus.schemas()).toHaveLength(2);
    });

    it('stops a rule that re-triggers itself at events.maxChainDepth, refusing (not dropping) the next event', async () => {
      // Prepare: a handler that answers every event with another one its own rule matches.
      f = await openBus(backend, { maxChainDepth: 3 });
      const results: PutEventsResult[] = [];
      const depths: unknown[] = [];
      f.bus.registerFunction('echo', async (event, ctx) => {
        depths.push(event.detail._chain_depth);
        results.push(await ctx.publish([{ Source: 'loop.test', DetailType: 'Echo', Detail: { n: (event.detail.n as number) + 1 } }]));
      });
      await f.bus.putRule({ Name: 'echo', EventPattern: { source: ['loop.test'] }, Targets: [{ Id: 'e', Arn: 'function:echo' }] });
      // Act
      const first = await f.bus.putEvents([{ Source: 'loop.test', DetailType: 'Echo', Detail: { n: 0 } }]);
      const ran = await f.queue.drain(20);
      // Assess: depths 0..3 were handled; the event at depth 4 was refused and reported.
      expect(ran).toBe(4);
      expect(depths).toEqual([0, 1, 2, 3]);
      expect(results.slice(0, 3).map((r) => r.FailedEntryCount)).toEqual([0, 0, 0]);
      expect(results[3]).toMatchObject({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'EVENT_LOOP_REFUSED' }] });
      expect(results[3]!.Entries[0]!.ErrorMessage).toContain('chain depth 4');
      expect(await counterValue(f.metrics, 'hashi_events_loop_refused_total', { bus: 'default' })).toBe(1);
      const second = await f.bus.getEvent(results[0]!.Entries[0]!.EventId!);
      expect(second.detail).toEqual({ n: 1, _chain_depth: 1, _caused_by: first.Entries[0]!.EventId });
    });

    it('keeps a chain depth a publisher carried over from outside (HTTP round trip) and refuses past the limit', async () => {
      f = await openBus(backend, { maxChainDepth: 2 });
      const result = await f.bus.putEvents([
        { Source: 'ext', DetailType: 'X', Detail: { _chain_depth: 2, _caused_by: 'abc' } },
        { Source: 'ext', DetailType: 'X', Detail: { _chain_depth: 3 } },
        { Source: 'ext', DetailType: 'X', Detail: { _chain_depth: 'deep' } },
      ]);
      expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'EVENT_LOOP_REFUSED', 'InvalidArgument']);
      expect((await f.bus.getEvent(result.Entries[0]!.EventId!)).detail).toEqual({ _chain_depth: 2, _caused_by: 'abc' });
    });

    it('stops two buses forwarding to each other at the same depth', async () => {
      f = await openBus(backend, { buses: ['a', 'b'], maxChainDepth: 3 });
      await f.bus.putRule({ Name: 'a-to-b', EventBusName: 'a', EventPattern: { source: ['ping'] }, Targets: [{ Id: 'b', Arn: 'bus:b' }] });
      await f.bus.putRule({ Name: 'b-to-a', EventBusName: 'b', EventPattern: { source: ['ping'] }, Targets: [{ Id: 'a', Arn: 'bus:a' }] });
      await f.bus.putEvents([{ Source: 'ping', DetailType: 'Ping', Detail: {}, EventBusName: 'a' }]);
      await f.queue.drain(20);
      const [dead] = await f.queue.listDead();
      expect(dead).toMatchObject({ reason: 'permanent', meta: { rule: expect.any(String), target: expect.any(String) } });
      expect(dead!.errors[0]!.code).toBe('EVENT_DELIVERY_REFUSED');
      expect(dead!.errors[0]!.message).toContain('EVENT_LOOP_REFUSED');
      expect(await counterValue(f.metrics, 'hashi_events_put_total')).toBe(4);
    });
  });
}
