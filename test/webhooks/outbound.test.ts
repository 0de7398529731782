import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVER_JOB, type SubscriptionConfig } from '../../src/webhooks/index.ts';
import { ADMIN, webhooksHarness, type Harness, type HarnessOptions } from './harness.ts';
import { Receiver, type Reply } from './receiver.ts';
import { verifyReceived } from './verify-standard.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SCHEDULE = [5_000, 300_000, 1_800_000];

describe('outbound webhooks: signed deliveries, retries, DLQ, auto-disable', () => {
  let h: Harness;
  let receiver: Receiver;
  const open = async (subscription: Partial<SubscriptionConfig> = {}, options: HarnessOptions = {}) => {
    h = await webhooksHarness({
      subscriptions: [{ id: 'orders', url: receiver.url, pattern: { 'detail-type': ['OrderPaid'] }, secret: SECRET, ...subscription }],
      settings: { outbound: { allow: ['127.0.0.1'], retryScheduleMs: SCHEDULE, timeoutMs: 2000, disableAfterMs: 5 * 86_400_000 }, ...options.settings },
      ...options,
    });
  };
  const publish = async (detailType = 'OrderPaid', detail: Record<string, unknown> = { orderId: 'o-1', total: 1200 }) => {
    await h.bus.putEvents([{ Source: 'shop', DetailType: detailType, Detail: detail }]);
    return h.bus.deliver();
  };
  const run = () => h.queue.runOnce([DELIVER_JOB]);
  const attempts = async () => (await h.app.inject({ url: '/admin/webhooks/subscriptions/orders/attempts', headers: ADMIN })).json().attempts.reverse();
  const sub = async () => (await h.app.inject({ url: '/admin/webhooks/subscriptions/orders', headers: ADMIN })).json();

  beforeEach(async () => {
    receiver = await new Receiver().start();
  });
  afterEach(async () => {
    await h?.close();
    await receiver.stop();
  });

  it('delivers a matching event signed per Standard Webhooks, verified by the standardwebhooks and svix libraries', async () => {
    await open();
    const targetCalls = await publish();
    const unrelated = await publish('OrderShipped');
    const ran = await run();

    expect([targetCalls, unrelated, ran]).toEqual([1, 0, 1]);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(h.clock.now() / 1000)));
    expect(verifyReceived(got, SECRET, h.clock.now())).toMatchObject({ type: 'OrderPaid', source: 'shop', data: { orderId: 'o-1', total: 1200 } });
    expect(verifyReceived(got, SECRET, h.clock.now(), 'svix')).toMatchObject({ type: 'OrderPaid' });
    expect(() => verifyReceived(got, 'whsec_dGVzdC1vbGQtc2VjcmV0LTAxMjM0NTY3ODlhYg==', h.clock.now())).toThrow();
    expect(await attempts()).toMatchObject([{ attempt: 1, outcome: 'succeeded', status: 200, responseBody: 'ok' }]);
  });

  it('creates one message when the bus delivers the same event twice (at-least-once)', async () => {
    await open();
    await h.bus.putEvents([{ Source: 'shop', DetailType: 'OrderPaid', Detail: { orderId: 'o-2' } }]);
    const [event] = await h.bus.events();
    const input = { target: { Id: 'webhook', Arn: 'http:orders' }, kind: 'http', name: 'orders', event: event!, input: '', rule: 'webhooks.sub.orders', attempt: 1, signal: new AbortController().signal };
    await h.webhooks.httpTarget(input);
    await h.webhooks.httpTarget({ ...input, attempt: 2 });
    await h.queue.drain(10, [DELIVER_JOB]);
    expect(receiver.received).toHaveLength(1);
  });

  it('retries on the schedule, re-signing each attempt with the same id, and records status and ≤1 KB of each answer', async () => {
    await open();
    receiver.reply = (_r, n) => (n < 3 ? { status: 500, body: 'x'.repeat(5000) } : { status: 204 });
    await publish();
    await run();
    h.clock.tick(4_999);
    const early = await run();
    h.clock.tick(1);
    await run();
    h.clock.tick(300_000);
    await run();

    expect(early).toBe(0);
    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    const stamps = receiver.received.map((r) => Number(r.headers['webhook-timestamp']));
    expect(ids.size).toBe(1);
    expect(stamps[1]! - stamps[0]!).toBe(5);
    expect(stamps[2]! - stamps[1]!).toBe(300);
    const log = await attempts();
    expect(log.map((a: { status: number }) => a.status)).toEqual([500, 500, 204]);
    expect(log[0].responseBody).toHaveLength(1024);
    expect((await sub()).failingSince).toBeNull();
  });

  it('dead-letters a message when every attempt failed, keeping the subscription enabled within the disable period', async () => {
    await open();
    receiver.reply = () => ({ status: 503, body: 'down' });
    await publish();
    await run();
    for (const delay of SCHEDULE) {
      h.clock.tick(delay);
      await run();
    }
    const dead = await h.queue.listDead({ type: DELIVER_JOB });

    expect(receiver.received).toHaveLength(SCHEDULE.length + 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ reason: 'exhausted', attempts: 4, meta: { subscriptionId: 'orders' } });
    expect((await sub()).enabled).toBe(true);
  });

  it('honours Retry-After (never sooner than the schedule), treats 3xx as failure without following it, and times out a silent endpoint', async () => {
    await open({}, { settings: { outbound: { allow: ['127.0.0.1'], retryScheduleMs: SCHEDULE, timeoutMs: 300 } } });
    receiver.reply = (_r, n): Reply => (n === 1 ? { status: 429, headers: { 'retry-after': '600' } } : n === 2 ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200, hang: true });
    await publish();
    await run();
    h.clock.tick(5_000);
    const notYet = await run();
    h.clock.tick(595_000);
    await run();
    h.clock.tick(300_000);
    await run();

    expect(notYet).toBe(0);
    expect(receiver.received.map((r) => r.url)).toEqual(['/hook', '/hook', '/hook']);
    const log = await attempts();
    expect(log.map((a: { status: number | null }) => a.status)).toEqual([429, 302, null]);
    expect(log[2].error).toBe('no response within 300 ms');
  });

  it('disables a subscription whose attempts have all failed for the disable period, dead-letters its pending work, and re-enables it', async () => {
    await open({}, { settings: { outbound: { allow: ['127.0.0.1'], retryScheduleMs: SCHEDULE, disableAfterMs: 86_400_000 } } });
    receiver.reply = () => ({ status: 500 });
    await publish();
    await run();
    h.clock.tick(86_400_000);
    await publish('OrderPaid', { orderId: 'o-2' });
    await run();
    const disabled = await sub();
    const newWork = await publish('OrderPaid', { orderId: 'o-3' });
    h.clock.tick(5_000);
    await run();
    const dead = await h.queue.listDead({ type: DELIVER_JOB });

    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'failing' });
    expect(h.bus.rules.get('webhooks.sub.orders')!.State).toBe('DISABLED');
    expect(newWork).toBe(0);
    expect(dead.map((d) => d.errors.at(-1)!.code).sort()).toEqual(['WEBHOOK_SUBSCRIPTION_DISABLED', 'WEBHOOK_SUBSCRIPTION_DISABLED']);

    receiver.reply = () => ({ status: 200 });
    const enabled = await h.app.inject({ method: 'POST', url: '/admin/webhooks/subscriptions/orders/enable', headers: ADMIN });
    await h.queue.redrive({ type: DELIVER_JOB });
    await run();
    expect(enabled.json()).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    expect(h.bus.rules.get('webhooks.sub.orders')!.State).toBe('ENABLED');
    expect((await attempts()).filter((a: { outcome: string }) => a.outcome === 'succeeded')).toHaveLength(2);
    expect((await sub()).lastSuccessAt).not.toBeNull();
  });

  it('starts the failing period over after a success', async () => {
    await open({}, { settings: { outbound: { allow: ['127.0.0.1'], retryScheduleMs: [7_200_000], disableAfterMs: 3_600_000 } } });
    receiver.reply = (r) => (r.body.includes('"o-2"') ? { status: 200 } : { status: 500 });
    await publish();
    await run();
    h.clock.tick(3_000_000);
    await publish('OrderPaid', { orderId: 'o-2' });
    await run();
    h.clock.tick(3_000_000);
    await publish('OrderPaid', { orderId: 'o-3' });
    await run();
    expect(receiver.received).toHaveLength(3);
    expect(await sub()).toMatchObject({ enabled: true, failingSince: new Date(h.clock.now()).toISOString() });
  });

  it('disables at once on 410 Gone and dead-letters the message', async () => {
    await open();
    receiver.reply = () => ({ status: 410 });
    await publish();
    await run();
    expect(await sub()).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect((await h.queue.listDead({ type: DELIVER_JOB }))[0]).toMatchObject({ reason: 'permanent', attempts: 1 });
  });

  it('signs with both secrets during a rotation, so receivers on either verify', async () => {
    await open();
    const rotated = (await h.app.inject({ method: 'POST', url: '/admin/webhooks/subscriptions/orders/rotate-secret', headers: ADMIN, payload: {} })).json();
    await publish();
    await run();
    const got = receiver.received[0]!;
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyReceived(got, rotated.secret, h.clock.now())).toBeTruthy();
    expect(verifyReceived(got, SECRET, h.clock.now())).toBeTruthy();
  });

  it('formats Slack incoming-webhook messages with the slack transform', async () => {
    await open({ transform: 'slack' });
    await publish('OrderPaid', { title: 'Order o-9 paid', summary: 'A <b>big</b> order & more', fields: [{ label: 'Total', value: 9800 }], orderId: 'o-9' });
    await run();
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body.text).toContain('Order o-9 paid');
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Order o-9 paid', emoji: true } });
    expect(JSON.stringify(body.blocks)).toContain('A &lt;b&gt;big&lt;/b&gt; order &amp; more');
    expect(JSON.stringify(body.blocks)).toContain('*Total*');
  });
});
