import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { openBus, recorder, type BusFixture } from '../../../test/events/support.ts';
import type { RuleDefinition } from '../types.ts';

const target = { Id: 't', Arn: 'function:fn' };
const rule = (over: Partial<RuleDefinition> = {}): RuleDefinition => ({ Name: 'r1', EventPattern: { source: ['a'] }, Targets: [target], ...over });

for (const backend of storeBackends) {
  describe(`rules [${backend.name}]`, () => {
    let f: BusFixture;
    let g: BusFixture | undefined;
    afterEach(async () => {
      await g?.cleanup();
      g = undefined;
      await f?.cleanup();
    });

    async function bus(settings = {}) {
      f = await openBus(backend, settings);
      f.bus.registerFunction('fn', recorder().fn);
      return f.bus;
    }

    it('refuses invalid rules with a message naming the field, and patterns naming the offending path', async () => {
      const b = await bus();
      const refused = async (def: unknown) => b.putRule(def as RuleDefinition).then(() => undefined, (err: { code: string; message: string }) => `${err.code}: ${err.message}`);
      expect(await refused(rule({ EventPattern: { detail: { total: [{ numeric: ['>'] }] } } }))).toMatch(/^EVENT_PATTERN_INVALID: EventPattern: detail\.total: /);
      expect(await refused(rule({ EventPattern: '{"source": ' }))).toBe('EVENT_PATTERN_INVALID: EventPattern: <root>: Event pattern is not valid JSON');
      expect(await refused(rule({ ScheduleExpression: 'rate(5 minutes)' }))).toBe('EVENT_RULE_INVALID: exactly one of EventPattern and ScheduleExpression must be set');
      expect(await refused(rule({ EventPattern: undefined, ScheduleExpression: 'rate(1 minutes)' }))).toMatch(/^SCHEDULE_INVALID: ScheduleExpression: /);
      expect(await refused(rule({ Name: 'bad name' }))).toMatch(/^EVENT_RULE_INVALID: Name must be/);
      expect(await refused(rule({ EventBusName: 'nope' }))).toMatch(/^EVENT_BUS_NOT_FOUND/);
      expect(await refused(rule({ Targets: Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: 'function:fn' })) }))).toMatch(/at most 5 targets/);
      expect(await refused(rule({ Targets: [target, target] }))).toMatch(/^EVENT_TARGET_INVALID: Targets\[1\]\.Id t is used twice/);
      expect(await refused(rule({ Targets: [{ Id: 'h', Arn: 'http:https://example.com' }] }))).toMatch(/^EVENT_TARGET_KIND_UNKNOWN: Targets\[0\]: Arn http:https:\/\/example.com: no target kind http \(registered: bus, function\)/);
      expect(await refused(rule({ Targets: [{ Id: 'f', Arn: 'function:missing' }] }))).toMatch(/^EVENT_FUNCTION_UNKNOWN/);
      expect(await refused(rule({ Targets: [{ ...target, Input: '{}', InputPath: '$' }] }))).toMatch(/only one of Input, InputPath and InputTransformer/);
      expect(await refused(rule({ Targets: [{ ...target, InputPath: 'detail' }] }))).toMatch(/^INPUT_PATH_INVALID: Targets\[0\]: /);
      expect(await refused(rule({ Targets: [{ ...target, RetryPolicy: { MaximumRetryAttempts: 186 } }] }))).toMatch(/MaximumRetryAttempts must be an integer from 0 to 185/);
      expect(await refused(rule({ Targets: [{ ...target, RetryPolicy: { MaximumEventAgeInSeconds: 59 } }] }))).toMatch(/MaximumEventAgeInSeconds must be an integer from 60 to 86400/);
      expect(await refused(rule({ Targets: [{ Id: 'b', Arn: 'bus:default', Input: '{}' }] }))).toMatch(/forwards the event unchanged/);
      expect(await b.listRules()).toEqual([]);
    });

    it('creates, replaces, lists, reads and deletes rules (PutRule semantics), and matching follows at once', async () => {
      const b = await bus({ buses: ['orders'] });
      const created = await b.putRule(rule({ Description: 'first', EventBusName: 'orders' }));
      expect(created).toMatchObject({ Name: 'r1', EventBusName: 'orders', State: 'ENABLED', Origin: 'api', Arn: 'arn:aws:events:local:000000000000:rule/orders/r1' });
      await b.putRule(rule({ EventPattern: { source: ['b'] }, EventBusName: 'orders', State: 'DISABLED' }));
      expect(await b.getRule('r1', 'orders')).toMatchObject({ EventPattern: { source: ['b'] }, State: 'DISABLED' });
      expect((await b.listRules('orders')).map((r) => r.Name)).toEqual(['r1']);
      expect(await b.listRules('default')).toEqual([]);

      await b.putRule(rule({ EventPattern: { source: ['b'] }, EventBusName: 'orders' }));
      await b.putEvents([{ Source: 'b', DetailType: 'x', Detail: {}, EventBusName: 'orders' }]);
      expect((await f.queue.stats())[0]?.ready).toBe(1);

      await b.deleteRule('r1', 'orders');
      await expect(b.getRule('r1', 'orders')).rejects.toMatchObject({ code: 'EVENT_RULE_NOT_FOUND' });
      await expect(b.deleteRule('r1', 'orders')).rejects.toMatchObject({ code: 'EVENT_RULE_NOT_FOUND' });
      await b.putEvents([{ Source: 'b', DetailType: 'x', Detail: {}, EventBusName: 'orders' }]);
      expect((await f.queue.stats())[0]?.ready).toBe(1);
    });

    it('loads rules from hashi.yaml at init, protects them from the API, and drops the ones that left the file', async () => {
      f = await openBus(backend, { rules: [rule({ Name: 'from-yaml' })] });
      f.bus.registerFunction('fn', recorder().fn);
      await f.bus.init();
      expect(await f.bus.getRule('from-yaml')).toMatchObject({ Origin: 'config' });
      await expect(f.bus.putRule(rule({ Name: 'from-yaml' }))).rejects.toMatchObject({ code: 'EVENT_RULE_MANAGED' });
      await expect(f.bus.deleteRule('from-yaml')).rejects.toMatchObject({ code: 'EVENT_RULE_MANAGED' });
      await f.bus.putRule(rule({ Name: 'from-api' }));

      g = await openBus(backend, { rules: [] }, { store: f.store, clock: f.clock });
      g.bus.registerFunction('fn', recorder().fn);
      await g.bus.init();
      expect((await g.bus.listRules()).map((r) => r.Name)).toEqual(['from-api']);
    });

    it('fails init naming the rule when a config rule targets a kind nobody registered', async () => {
      f = await openBus(backend, { rules: [rule({ Name: 'hooked', Targets: [{ Id: 'h', Arn: 'http:https://x.test' }] })] });
      await expect(f.bus.init()).rejects.toMatchObject({ code: 'EVENT_TARGET_KIND_UNKNOWN', message: expect.stringContaining('events.rules[0] (hooked)') });
    });

    it('a replica sees rules another replica changed within rulesRefreshMs', async () => {
      f = await openBus(backend, { rulesRefreshMs: 1000 });
      f.bus.registerFunction('fn', recorder().fn);
      g = await openBus(backend, { rulesRefreshMs: 1000 }, { store: f.store, clock: f.clock });
      g.bus.registerFunction('fn', recorder().fn);
      const event = { Source: 'a', DetailType: 'x', Detail: {} };
      await g.bus.putEvents([event]);
      await f.bus.putRule(rule());
      await g.bus.putEvents([event]);
      expect(await f.queue.stats()).toEqual([]);
      f.clock.tick(1000);
      await g.bus.putEvents([event]);
      expect((await f.queue.stats())[0]?.ready).toBe(1);
    });
  });
}
