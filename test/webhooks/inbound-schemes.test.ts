import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { webhooksHarness, type Harness } from './harness.ts';
import { githubHeaders, hmacHeaders, shopifyHeaders, slackHeaders, standardHeaders, stripeHeaders, svixHeaders } from './signers.ts';

// Every scheme through the real route: signed by the providers' libraries,
// verified over the raw bytes, de-duplicated and durably accepted.
const STRIPE = 'whsec_stripe_current_0123456789abcdef';
const STRIPE_OLD = 'whsec_stripe_previous_fedcba9876543210';
const STANDARD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const STANDARD_OLD = 'whsec_dGVzdC1vbGQtc2VjcmV0LTAxMjM0NTY3ODlhYg==';
const GITHUB = "It's a Secret to Everybody";
const SHOPIFY = 'shpss_client_secret_123';
const SLACK = '8f742231b10e8888abcd99yyyzzz85a5';
const CATALOG = 'catalog-shared-secret';

const sources = {
  stripe: { scheme: 'stripe' as const, secrets: [STRIPE, STRIPE_OLD], tolerance: 300 },
  reviews: { scheme: 'standard-webhooks' as const, secrets: [STANDARD, STANDARD_OLD], tolerance: 120 },
  github: { scheme: 'github' as const, secrets: [GITHUB] },
  shop: { scheme: 'shopify' as const, secrets: [SHOPIFY] },
  slack: { scheme: 'slack' as const, secrets: [SLACK] },
  catalog: {
    scheme: 'hmac' as const,
    secrets: [CATALOG],
    tolerance: 60,
    hmac: { signatureHeader: 'X-Catalog-Signature', timestampHeader: 'X-Catalog-Timestamp', encoding: 'hex' as const, prefix: 'sha256=' },
    idempotencyKey: { field: 'batch_id' },
  },
};

const stripeBody = (id: string) => `{\n  "id": "${id}",\n  "object": "event",\n  "type": "payment_intent.succeeded",\n  "data": {"object": {"amount": 1200, "currency": "jpy"}}\n}`;

describe('POST /webhooks/:source, every scheme end to end', () => {
  let h: Harness;
  let now: number;
  const post = (source: string, headers: Record<string, string>, payload: string) => h.app.inject({ method: 'POST', url: `/webhooks/${source}`, headers, payload });
  const code = (res: LightMyRequestResponse) => res.json().error?.code;

  beforeEach(async () => {
    h = await webhooksHarness({ sources });
    now = Math.floor(h.clock.now() / 1000);
  });
  afterEach(async () => {
    await h.close();
  });

  it('stripe: accepts a delivery signed by the stripe library, publishes its event, and answers the resend already_processed', async () => {
    const body = stripeBody('evt_1');
    const first = await post('stripe', stripeHeaders(body, STRIPE, now), body);
    h.clock.tick(30_000);
    const resent = await post('stripe', stripeHeaders(body, STRIPE, now + 30), body);

    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'accepted', deliveryId: expect.stringMatching(/^whd_/), eventIds: [expect.any(String)] });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toEqual({ ...first.json(), status: 'already_processed' });
    const events = await h.bus.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: first.json().eventIds[0], source: 'webhooks.stripe', 'detail-type': 'payment_intent.succeeded', detail: { id: 'evt_1' } });
  });

  it('stripe: refuses a tampered body and a re-serialised body with 403, and a missing header with 401', async () => {
    const body = stripeBody('evt_2');
    const headers = stripeHeaders(body, STRIPE, now);
    const tampered = await post('stripe', headers, body.replace('1200', '1201'));
    const reserialised = await post('stripe', headers, JSON.stringify(JSON.parse(body)));
    const unsigned = await post('stripe', { 'content-type': 'application/json' }, body);

    expect([tampered.statusCode, code(tampered)]).toEqual([403, 'WEBHOOK_SIGNATURE_INVALID']);
    expect([reserialised.statusCode, code(reserialised)]).toEqual([403, 'WEBHOOK_SIGNATURE_INVALID']);
    expect([unsigned.statusCode, code(unsigned)]).toEqual([401, 'WEBHOOK_SIGNATURE_MISSING']);
    expect(await h.bus.events()).toHaveLength(0);
  });

  it('stripe: accepts timestamps exactly at the tolerance either way and refuses one second beyond, with distinct messages', async () => {
    const at = async (id: string, ts: number) => post('stripe', stripeHeaders(stripeBody(id), STRIPE, ts), stripeBody(id));
    const oldest = await at('evt_b1', now - 300);
    const stale = await at('evt_b2', now - 301);
    const newest = await at('evt_b3', now + 300);
    const future = await at('evt_b4', now + 301);

    expect([oldest.statusCode, newest.statusCode]).toEqual([202, 202]);
    expect([stale.statusCode, code(stale)]).toEqual([403, 'WEBHOOK_TIMESTAMP_STALE']);
    expect([future.statusCode, code(future)]).toEqual([403, 'WEBHOOK_TIMESTAMP_FUTURE']);
    expect(stale.json().error.message).toContain('301 seconds old');
    expect(future.json().error.message).toContain('301 seconds in the future');
  });

  it('stripe: accepts the old secret during rotation', async () => {
    const body = stripeBody('evt_rot');
    const res = await post('stripe', stripeHeaders(body, STRIPE_OLD, now), body);
    expect(res.statusCode).toBe(202);
  });

  it('standard webhooks: accepts standardwebhooks- and svix-signed deliveries, dedupes on webhook-id, and keeps both secrets during rotation', async () => {
    const body = '{"type":"review.created","data":{"review_id":"r1","rating":2}}';
    const first = await post('reviews', standardHeaders('msg_1', now, body, STANDARD), body);
    const byOld = await post('reviews', standardHeaders('msg_2', now, body, STANDARD_OLD), body);
    const bySvix = await post('reviews', svixHeaders('msg_3', now, body, STANDARD), body);
    const again = await post('reviews', standardHeaders('msg_1', now + 5, body, STANDARD), body);
    const stale = await post('reviews', standardHeaders('msg_4', now - 121, body, STANDARD), body);
    const tampered = await post('reviews', standardHeaders('msg_5', now, body, STANDARD), body.replace('2', '5'));

    expect([first.statusCode, byOld.statusCode, bySvix.statusCode]).toEqual([202, 202, 202]);
    expect(again.json().status).toBe('already_processed');
    expect(code(stale)).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect(code(tampered)).toBe('WEBHOOK_SIGNATURE_INVALID');
    const events = await h.bus.events();
    expect(events.map((e) => e['detail-type'])).toEqual(['review.created', 'review.created', 'review.created']);
    expect((await h.webhooks.listDeliveries({ source: 'reviews' })).map((d) => d.idempotencyKey).sort()).toEqual(['msg_1', 'msg_2', 'msg_3']);
  });

  it('github: accepts an @octokit/webhooks-methods signature, takes the event name from X-GitHub-Event and dedupes on X-GitHub-Delivery', async () => {
    const body = '{"ref":"refs/heads/main","commits":[]}';
    const headers = await githubHeaders(body, GITHUB, '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'push');
    const first = await post('github', headers, body);
    const again = await post('github', headers, body);
    const tampered = await post('github', headers, `${body} `);
    const sha1Only = await post('github', { 'content-type': 'application/json', 'x-hub-signature': 'sha1=0123456789abcdef0123456789abcdef01234567' }, body);

    expect(first.statusCode).toBe(202);
    expect(again.json().status).toBe('already_processed');
    expect(code(tampered)).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect([sha1Only.statusCode, code(sha1Only)]).toEqual([401, 'WEBHOOK_SIGNATURE_MISSING']);
    expect((await h.bus.events())[0]).toMatchObject({ 'detail-type': 'push', source: 'webhooks.github' });
    expect((await h.webhooks.listDeliveries())[0]!.idempotencyKey).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
  });

  it('shopify: accepts a base64 HMAC of the raw body, names the event by X-Shopify-Topic, refuses tampering', async () => {
    const body = '{"id":820982911946154508,"email":"jon@example.com"}';
    const ok = await post('shop', shopifyHeaders(body, SHOPIFY, 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'), body);
    const tampered = await post('shop', shopifyHeaders(body, SHOPIFY, 'other-id'), body.replace('jon', 'bob'));

    expect(ok.statusCode).toBe(202);
    expect(code(tampered)).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await h.bus.events())[0]).toMatchObject({ 'detail-type': 'orders/create' });
  });

  it('slack: accepts a v0 signature, dedupes on event_id, refuses a stale request', async () => {
    const body = '{"type":"event_callback","event_id":"Ev0PV52K25","event":{"type":"app_mention","text":"hi"}}';
    const ok = await post('slack', slackHeaders(body, SLACK, now), body);
    const again = await post('slack', slackHeaders(body, SLACK, now + 1), body);
    const stale = await post('slack', slackHeaders(body, SLACK, now - 301), body);

    expect(ok.statusCode).toBe(202);
    expect(again.json().status).toBe('already_processed');
    expect(code(stale)).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect((await h.bus.events())[0]).toMatchObject({ 'detail-type': 'app_mention' });
  });

  it('generic hmac: checks prefix, timestamp and tolerance, and dedupes on the configured JSON field', async () => {
    const body = (batch: string) => `{"batch_id":"${batch}","type":"catalog.batch","items":[{"isbn":"978-4-08-882541-1"}]}`;
    const ok = await post('catalog', hmacHeaders(body('b-1'), CATALOG, now - 60), body('b-1'));
    const sameBatch = await post('catalog', hmacHeaders(body('b-1'), CATALOG, now), body('b-1'));
    const late = await post('catalog', hmacHeaders(body('b-2'), CATALOG, now - 61), body('b-2'));
    const noPrefix = await post('catalog', { ...hmacHeaders(body('b-3'), CATALOG, now), 'x-catalog-signature': hmacHeaders(body('b-3'), CATALOG, now)['x-catalog-signature']!.slice(7) }, body('b-3'));

    expect(ok.statusCode).toBe(202);
    expect(sameBatch.json().status).toBe('already_processed');
    expect(code(late)).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect(noPrefix.statusCode).toBe(401);
    expect((await h.webhooks.listDeliveries())[0]!.idempotencyKey).toBe('b-1');
  });
});
