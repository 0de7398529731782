import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { ADMIN_KEY, testHashi } from '../support/hashi.ts';
import { Receiver } from './receiver.ts';
import { stripeHeaders } from './signers.ts';
import { verifyReceived } from './verify-standard.ts';

const STRIPE = 'whsec_stripe_e2e_0123456789abcdef';
const OUT = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const admin = { 'x-admin-key': ADMIN_KEY };

// The whole composition (createHashi): inbound route → the real event bus →
// the subscription's rule → the `http` target kind → a signed delivery.
describe('webhooks in the composed Hashi, through the real event bus', () => {
  let receiver: Receiver;
  let hashi: Awaited<ReturnType<typeof testHashi>>;
  let clock: FakeClock;

  beforeEach(async () => {
    receiver = await new Receiver().start();
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({
      clock,
      yaml: [
        'sources:',
        '  stripe:',
        '    scheme: stripe',
        `    secrets: ["${STRIPE}"]`,
        '    events:',
        '      - { source: shop.payments, detailType: PaymentSucceeded, detail: "$.data.object", when: { "$.type": [payment_intent.succeeded] } }',
        'subscriptions:',
        `  - { id: erp, url: "${receiver.url}", pattern: { source: [shop.payments] }, secret: "${OUT}" }`,
        'webhooks:',
        '  outbound:',
        '    allow: [127.0.0.1]',
        '    jitter: 0',
        '',
      ].join('\n'),
    });
  });
  afterEach(async () => {
    await hashi.close();
    await receiver.stop();
  });

  it('accepts a signed Stripe delivery and delivers the mapped event to the subscription, signed', async () => {
    const body = '{"id":"evt_e2e","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount":4200}}}';
    const res = await hashi.app!.inject({ method: 'POST', url: '/webhooks/stripe', headers: stripeHeaders(body, STRIPE, Math.floor(clock.now() / 1000)), payload: body });
    const stored = await hashi.events.getEvent(res.json().eventIds[0]);
    await hashi.queue.drain(20);

    expect(res.statusCode).toBe(202);
    expect(stored).toMatchObject({ source: 'shop.payments', 'detail-type': 'PaymentSucceeded' });
    expect(receiver.received).toHaveLength(1);
    expect(verifyReceived(receiver.received[0]!, OUT, clock.now())).toMatchObject({ type: 'PaymentSucceeded', source: 'shop.payments', data: { id: 'pi_1', amount: 4200 } });
    const rules = await hashi.app!.inject({ url: '/admin/events/rules', headers: admin });
    expect(rules.body).toContain('webhooks.sub.erp');
  });

  it('replays a stored delivery through the bus from the admin API: the subscriber gets the event again as a new message', async () => {
    const body = '{"id":"evt_rep","type":"payment_intent.succeeded","data":{"object":{"id":"pi_2"}}}';
    const res = await hashi.app!.inject({ method: 'POST', url: '/webhooks/stripe', headers: stripeHeaders(body, STRIPE, Math.floor(clock.now() / 1000)), payload: body });
    await hashi.queue.drain(20);
    const list = await hashi.app!.inject({ url: '/admin/webhooks/deliveries?source=stripe', headers: admin });
    const one = await hashi.app!.inject({ url: `/admin/webhooks/deliveries/${res.json().deliveryId}`, headers: admin });
    const replayed = await hashi.app!.inject({ method: 'POST', url: `/admin/webhooks/deliveries/${res.json().deliveryId}/replay`, headers: admin });
    await hashi.queue.drain(20);
    const missing = await hashi.app!.inject({ method: 'POST', url: '/admin/webhooks/deliveries/whd_nope/replay', headers: admin });

    expect(list.json().deliveries.map((d: { id: string }) => d.id)).toEqual([res.json().deliveryId]);
    expect(one.json()).toMatchObject({ body, bodyEncoding: 'utf8', verdict: { valid: true, scheme: 'stripe' }, eventIds: res.json().eventIds });
    expect(one.json().headers['stripe-signature']).toMatch(/masked/);
    expect(replayed.json().eventIds).toHaveLength(1);
    expect(replayed.json().eventIds[0]).not.toBe(res.json().eventIds[0]);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.headers['webhook-id']).not.toBe(receiver.received[1]!.headers['webhook-id']);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'WEBHOOK_DELIVERY_NOT_FOUND']);
    expect((await hashi.app!.inject({ url: `/admin/webhooks/deliveries/${res.json().deliveryId}`, headers: admin })).json().replayCount).toBe(1);
  });
});
