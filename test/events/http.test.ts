import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope, FunctionContext } from '../../src/events/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { storeBackends } from '../support/backends.ts';
import { ADMIN_KEY, createKey, testHashi } from '../support/hashi.ts';
import { pgStoreYaml } from './support.ts';

type TestHashi = Awaited<ReturnType<typeof testHashi>>;

const YAML = `
plans:
  default: { rps: 1000, burst: 1000, dailyQuota: 0 }
events:
  account: '111122223333'
  region: ap-northeast-1
  buses: [orders]
  maxChainDepth: 3
  schemas:
    - source: shop.reviews
      detailType: ReviewPosted
      schema: { type: object, required: [rating], properties: { rating: { type: integer, maximum: 5 } } }
`;

for (const backend of storeBackends) describe(`event bus through HTTP [${backend.name}]`, () => {
  let hashi: TestHashi;
  let dropSchema: () => Promise<void>;
  let clock: FakeClock;
  let key: string;
  const calls: Record<string, Array<{ event: EventEnvelope; ctx: FunctionContext }>> = {};

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2026, 2, 1, 9));
    const pg = backend.name === 'postgres' ? await pgStoreYaml() : { yaml: '', drop: async () => undefined };
    dropSchema = pg.drop;
    hashi = await testHashi({ yaml: YAML + pg.yaml, clock });
    key = await createKey(hashi);
    for (const name of ['a', 'b', 'c']) {
      calls[name] = [];
      hashi.events.registerFunction(name, async (event, ctx) => void calls[name]!.push({ event, ctx }));
    }
  });
  afterEach(async () => {
    await hashi.close();
    await dropSchema();
  });

  const put = (entries: unknown[], headers: Record<string, string> = { 'x-api-key': key }) =>
    hashi.app!.inject({ method: 'POST', url: '/v1/events', headers, payload: { Entries: entries } });
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    hashi.app!.inject({ method, url, headers: { 'x-admin-key': ADMIN_KEY }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('PutEvents: authenticated, per-entry results, envelope from config, 1-10 entries', async () => {
    expect((await put([{ Source: 's', DetailType: 'd', Detail: {} }], {})).statusCode).toBe(401);
    const res = await put([
      { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1"}', EventBusName: 'orders', Time: 1767225600 },
      { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: 'nope' },
      { Source: 'shop.reviews', DetailType: 'ReviewPosted', Detail: { rating: 7 } },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.FailedEntryCount).toBe(2);
    expect(body.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed: it must be a JSON object.' });
    expect(body.Entries[2]).toEqual({ ErrorCode: 'EVENT_SCHEMA_VIOLATION', ErrorMessage: 'Detail does not match the schema of (shop.reviews, ReviewPosted): detail.rating: must be <= 5' });
    const stored = await admin('GET', `/admin/events/events/${body.Entries[0].EventId}`);
    expect(stored.json()).toMatchObject({ account: '111122223333', region: 'ap-northeast-1', time: '2026-01-01T00:00:00Z', detail: { orderId: 'o-1' } });

    const tooMany = await put(Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: {} })));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('VALIDATION_FAILED');
    const metrics = await hashi.app!.inject('/metrics');
    expect(metrics.body).toMatch(/hashi_events_put_total\{bus="orders"\} 1/);
    expect(metrics.body).toMatch(/hashi_events_failed_total\{code="EVENT_SCHEMA_VIOLATION"\} 1/);
  });

  it('admin rules: invalid patterns refused naming the path; a rule fans out to 3 targets', async () => {
    const bad = await admin('POST', '/admin/events/rules', { Name: 'r', EventPattern: { detail: { amount: [{ numeric: ['>', 'x'] }] } }, Targets: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'EVENT_PATTERN_INVALID', message: expect.stringMatching(/^EventPattern: detail\.amount: /) });

    const ok = await admin('PUT', '/admin/events/rules/fan-out', {
      EventBusName: 'orders',
      EventPattern: { 'detail-type': ['OrderPlaced'] },
      Targets: [
        { Id: 'a', Arn: 'function:a' },
        { Id: 'b', Arn: 'function:b', InputPath: '$.detail' },
        { Id: 'c', Arn: 'function:c', InputTransformer: { InputPathsMap: { o: '$.detail.orderId' }, InputTemplate: '{"order": <o>, "rule": <aws.events.rule-name>}' } },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ Name: 'fan-out', Arn: 'arn:aws:events:ap-northeast-1:111122223333:rule/orders/fan-out' });
    expect((await admin('GET', '/admin/events/rules?bus=orders')).json().Rules).toHaveLength(1);

    await put([{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: { orderId: 'o-7' }, EventBusName: 'orders' }]);
    expect(await hashi.queue.drain()).toBe(3);
    expect(calls.a![0]!.event.detail.orderId).toBe('o-7');
    expect(calls.b![0]!.ctx.input).toEqual({ orderId: 'o-7', _chain_depth: 0 });
    expect(calls.c![0]!.ctx.input).toEqual({ order: 'o-7', rule: 'fan-out' });

    expect((await admin('DELETE', '/admin/events/rules/fan-out?bus=orders')).statusCode).toBe(204);
    expect((await admin('GET', '/admin/events/rules/fan-out?bus=orders')).statusCode).toBe(404);
  });

  it('transactional outbox: a rolled-back caller transaction leaves no event and no job', async () => {
    await admin('POST', '/admin/events/rules', { Name: 'r', EventPattern: { source: ['app'] }, Targets: [{ Id: 'a', Arn: 'function:a' }] });
    const attempt = hashi.store.transaction(async (tx) => {
      await hashi.events.putEvents([{ Source: 'app', DetailType: 'TicketCreated', Detail: { id: 1 } }], { tx });
      throw new Error('rollback');
    });
    await expect(attempt).rejects.toThrow('rollback');
    expect(await hashi.queue.drain()).toBe(0);
    expect(calls.a).toEqual([]);
  });

  it('retries, dead-letters with rule/target/event context, and /admin/dlq/redrive delivers', async () => {
    let fail = true;
    hashi.events.registerFunction('picky', async () => {
      if (fail) throw new Error('downstream 503');
    });
    await admin('POST', '/admin/events/rules', { Name: 'picky', EventPattern: { source: ['app'] }, Targets: [{ Id: 'p', Arn: 'function:picky', RetryPolicy: { MaximumRetryAttempts: 2 } }] });
    const eventId = (await put([{ Source: 'app', DetailType: 'X', Detail: {} }])).json().Entries[0].EventId;
    for (let i = 0; i < 3; i++) {
      await hashi.queue.runOnce();
      clock.tick(10_000);
    }
    const dlq = (await admin('GET', '/admin/events/dlq')).json().Deliveries;
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({ Rule: 'picky', EventBusName: 'default', Target: 'p', TargetArn: 'function:picky', EventId: eventId, ErrorCode: 'Error', ErrorMessage: 'downstream 503', Reason: 'exhausted', Attempts: 3 });
    fail = false;
    const redrive = await admin('POST', '/admin/dlq/redrive', { ids: [dlq[0].JobId] });
    expect(redrive.json().redriven).toEqual([dlq[0].JobId]);
    expect(await hashi.queue.drain()).toBe(1);
    expect((await admin('GET', '/admin/events/dlq')).json().Deliveries).toEqual([]);
  });

  it('archive and replay through the admin API; replayed events are not archived again', async () => {
    expect((await admin('POST', '/admin/events/archives', { ArchiveName: 'orders-archive', EventBusName: 'orders' })).statusCode).toBe(201);
    await admin('POST', '/admin/events/rules', { Name: 'log', EventBusName: 'orders', EventPattern: { source: ['shop.orders'] }, Targets: [{ Id: 'a', Arn: 'function:a' }] });
    const from = new Date(clock.now()).toISOString();
    await put([1, 2].map((n) => ({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: { n }, EventBusName: 'orders' })));
    await hashi.queue.drain();
    clock.tick(60_000);
    const started = await admin('POST', '/admin/events/replays', { ReplayName: 'again', ArchiveName: 'orders-archive', EventStartTime: from, EventEndTime: new Date(clock.now()).toISOString() });
    expect(started.statusCode).toBe(202);
    await hashi.queue.drain();
    expect(calls.a!.filter((c) => c.event['replay-name'] === 'again')).toHaveLength(2);
    expect((await admin('GET', '/admin/events/replays/again')).json()).toMatchObject({ State: 'COMPLETED', EventsReplayed: 2 });
    expect((await admin('GET', '/admin/events/archives/orders-archive')).json().EventCount).toBe(2);
  });

  it('loop guard: a function that republishes what it handles is stopped at maxChainDepth', async () => {
    hashi.events.registerFunction('loop', async (event, ctx) => {
      await ctx.publish([{ Source: 'loop', DetailType: 'Again', Detail: { from: event.id } }]);
    });
    await admin('POST', '/admin/events/rules', { Name: 'loop', EventPattern: { source: ['loop'] }, Targets: [{ Id: 'l', Arn: 'function:loop' }] });
    await put([{ Source: 'loop', DetailType: 'Start', Detail: {} }]);
    expect(await hashi.queue.drain(50)).toBe(4);
    const metrics = await hashi.app!.inject('/metrics');
    expect(metrics.body).toMatch(/hashi_events_loop_refused_total\{bus="default"\} 1/);
  });
});

describe('scheduled rules across two instances sharing one store [sqlite]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hashi-sched-'));
  const yaml = `
store:
  url: sqlite:${join(dir, 'shared.db')}
sqs:
  queues: [{ QueueName: ticks }]
events:
  rules:
    - Name: every-5
      ScheduleExpression: rate(5 minutes)
      Targets: [{ Id: q, Arn: 'queue:ticks' }]
`;
  let one: TestHashi;
  let two: TestHashi;
  const clock = new FakeClock(Date.UTC(2026, 2, 1, 9));
  beforeEach(async () => {
    one = await testHashi({ yaml, clock });
    two = await testHashi({ yaml, clock });
  });
  afterEach(async () => {
    await one.close();
    await two.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ticks = async () => {
    await one.queue.drain(10, ['events.deliver']);
    const queue = await one.sqs.queues.get(one.events.identity.account, 'ticks');
    return Number((await one.sqs.queues.attributes(queue, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages);
  };

  it('fires each tick once whichever instance runs, and after downtime fires the latest missed tick only', async () => {
    clock.tick(5 * 60_000);
    // Only this file's rule: the apps add scheduled rules of their own.
    const mine = (fires: Array<{ rule: string }>) => fires.filter((x) => x.rule === 'every-5');
    const fired = mine([...(await one.events.runDue()), ...(await two.events.runDue())]);
    expect(fired).toHaveLength(1);
    expect(await ticks()).toBe(1);
    clock.tick(60 * 60_000);
    const late = mine([...(await two.events.runDue()), ...(await one.events.runDue())]);
    expect(late).toMatchObject([{ rule: 'every-5', tickAt: Date.UTC(2026, 2, 1, 10, 5), skipped: 11 }]);
    expect(await ticks()).toBe(2);
  });
});
