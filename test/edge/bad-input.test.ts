import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, createKey } from '../support/hashi.ts';
import { hashiBackends, type TestHashi } from '../support/hashi-backends.ts';

// Issue 11, defect 5: caller input that used to be a 500 (a stack overflow, or
// PostgreSQL refusing NUL, or Infinity reaching SQL) is a 400 with the same
// answer on SQLite and PostgreSQL, and JSON payloads keep NUL and lone
// surrogates exactly.
const STRIPE_SECRET = 'whsec_bad_input_test';
const RAW_SECRET = 'raw-source-secret';
const YAML = `
plans:
  default: { rps: 1000, burst: 1000, dailyQuota: 0 }
sources:
  stripe: { scheme: stripe, secrets: ["${STRIPE_SECRET}"] }
  raw:
    scheme: hmac
    secrets: ["${RAW_SECRET}"]
    hmac: { signatureHeader: X-Signature, encoding: hex }
    body: raw
manga:
  enabled: false
aws:
  allowUnsigned: true
`;

const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

describe.each(hashiBackends)('bad input [$name]', (backend) => {
  let hashi: TestHashi;
  let key: string;
  beforeAll(async () => {
    hashi = await backend.open({ yaml: YAML });
    key = await createKey(hashi);
  });
  afterAll(async () => hashi?.close());

  const send = (method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: string, headers: Record<string, string> = {}) =>
    hashi.app!.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(payload !== undefined ? { payload } : {}),
    });
  const admin = (method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: string) => send(method, url, payload, { authorization: `Bearer ${ADMIN_KEY}` });
  const signedStripe = (body: string) =>
    hashi.app!.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET }) },
      payload: body,
    });

  describe('JSON nested thousands of levels deep is 400 JSON_TOO_DEEP, not a stack overflow', () => {
    const putEvents = (detail: string) => send('POST', '/v1/events', `{"Entries":[{"Source":"app","DetailType":"T","Detail":${detail}}]}`);
    const cases: Record<string, () => Promise<{ statusCode: number; json(): { error: { code: string; message: string } } }>> = {
      'PutEvents Detail as JSON text': () => putEvents(JSON.stringify(nested(20_000))),
      'PutEvents Detail inline': () => putEvents(nested(5_000)),
      'an EventPattern as JSON text': () => admin('POST', '/admin/events/rules', JSON.stringify({ Name: 'deep', EventPattern: nested(5_000, '["x"]'), Targets: [] })),
      'an EventPattern inline': () => admin('POST', '/admin/events/rules', `{"Name":"deep","EventPattern":${nested(5_000, '["x"]')},"Targets":[]}`),
      // Within the 2 048-character pattern quota and the 8 192-character Input quota.
      'an archive pattern': () => admin('POST', '/admin/events/archives', JSON.stringify({ ArchiveName: 'deep', EventPattern: nested(300, '["x"]') })),
      'a target Input': () => admin('POST', '/admin/events/rules', JSON.stringify({ Name: 'deep-input', EventPattern: { source: ['x'] }, Targets: [{ Id: 't', Arn: 'queue:audit', Input: nested(1_000) }] })),
      'any JSON body': () => admin('POST', '/admin/keys', `{"tenant":"acme","x":${nested(5_000)}}`),
      'a signed webhook body': () => signedStripe(`{"id":"evt_deep","type":"x","data":${nested(5_000)}}`),
    };
    for (const [name, request] of Object.entries(cases)) {
      it(name, async () => {
        const res = await request();
        expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
        expect(res.json().error.code).toBe('JSON_TOO_DEEP');
        expect(res.json().error.message).toContain('the limit is 64 levels');
      });
    }

    // Found by the fuzz suite: the AWS front door parses its own content types, and an array
    // nested 20 000 deep where a string belongs (a target's Arn) overflowed the stack when
    // the operation turned it into text: a 500.
    it('the AWS JSON front door (POST / with X-Amz-Target): 400 ValidationException in the AWS shape', async () => {
      const url = await hashi.app!.listen({ host: '127.0.0.1', port: 0 });
      for (const [target, version, body] of [
        ['AWSEvents.PutTargets', '1.1', `{"Rule":"r","Targets":[{"Id":"t1","Arn":${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`],
        ['AmazonSQS.SendMessage', '1.0', `{"QueueUrl":"http://x/1/q","MessageBody":"x","MessageAttributes":${nested(100)}}`],
      ] as const) {
        // Over a real socket: the front door verifies SigV4 over Node's own header lists.
        const res = await fetch(`${url}/`, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` }, body });
        const text = await res.text();
        expect(res.status, text).toBe(400);
        expect(JSON.parse(text)).toEqual({ __type: expect.stringMatching(/ValidationException$/), message: expect.stringContaining('the limit is 64 levels') });
      }
    });

    it('the AWS JSON front door: a number a double cannot hold is a 400 ValidationException naming where it is, as on the JSON routes', async () => {
      // The test above left the app listening.
      const url = hashi.app!.server.listening ? hashi.app!.listeningOrigin : await hashi.app!.listen({ host: '127.0.0.1', port: 0 });
      for (const [target, version, body, path] of [
        ['AmazonSQS.SendMessage', '1.0', '{"QueueUrl":"http://x/1/q","MessageBody":"x","DelaySeconds":1e309}', 'body.DelaySeconds'],
        ['AWSEvents.PutEvents', '1.1', '{"Entries":[{"Source":"s","DetailType":"d","Detail":"{}","Time":-1e400}]}', 'body.Entries[0].Time'],
      ] as const) {
        const res = await fetch(`${url}/`, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` }, body });
        const text = await res.text();
        expect(res.status, text).toBe(400);
        expect(JSON.parse(text)).toEqual({ __type: expect.stringMatching(/ValidationException$/), message: `${path} is a number too large for a 64-bit float (it would read as Infinity)` });
      }
    });

    it('64 levels pass, and the event is matched and stored', async () => {
      const res = await putEvents(JSON.stringify(nested(63, '{"k":"v"}')));
      expect(res.statusCode).toBe(200);
      const id = (res.json() as unknown as { Entries: Array<{ EventId: string }> }).Entries[0]!.EventId;
      expect((await admin('GET', `/admin/events/events/${id}`)).statusCode).toBe(200);
    });
  });

  describe('U+0000 and lone surrogates in text fields: 400 on every store', () => {
    const NUL = '\u0000';
    const LONE = '\ud800';
    const requests: Record<string, () => ReturnType<typeof send>> = {
      'PutEvents Source': () => send('POST', '/v1/events', JSON.stringify({ Entries: [{ Source: `app${NUL}`, DetailType: 'T', Detail: '{}' }] })),
      'PutEvents DetailType': () => send('POST', '/v1/events', JSON.stringify({ Entries: [{ Source: 'app', DetailType: `T${LONE}`, Detail: '{}' }] })),
      'a key name': () => admin('POST', '/admin/keys', JSON.stringify({ tenant: 'acme', name: `n${NUL}` })),
      'a key tenant (lone surrogate)': () => admin('POST', '/admin/keys', JSON.stringify({ tenant: `a${LONE}` })),
      'an id in the path (DELETE /admin/keys/:id)': () => admin('DELETE', '/admin/keys/abc%00def'),
      'an id in the path (GET /admin/dlq/:id)': () => admin('GET', '/admin/dlq/job%00'),
      'an id in the path (ticket)': () => send('GET', '/support/v1/tickets/t%00'),
      'an id in the path (webhook delivery)': () => admin('GET', '/admin/webhooks/deliveries/whd%00'),
      'an id in the path (event)': () => admin('GET', '/admin/events/events/e%00'),
      'a list filter': () => admin('GET', '/admin/dlq?type=a%00b'),
      'DLQ redrive ids': () => admin('POST', '/admin/dlq/redrive', JSON.stringify({ ids: [`j${NUL}`] })),
      'DLQ redrive type': () => admin('POST', '/admin/dlq/redrive', JSON.stringify({ type: `t${NUL}` })),
      'a ticket feedback comment': () => send('POST', '/support/v1/tickets/t1/feedback', JSON.stringify({ rating: 5, resolved: true, comment: `ok${NUL}` })),
      'a chat message': () => send('POST', '/v1/chat', JSON.stringify({ message: `hi${NUL}` })),
      'an id in the path (subscription)': () => admin('GET', '/admin/webhooks/subscriptions/s%00'),
    };
    for (const [name, request] of Object.entries(requests)) {
      it(name, async () => {
        const res = await request();
        expect(res.statusCode, res.body).toBe(400);
        expect(['VALIDATION_FAILED', 'TEXT_INVALID']).toContain(res.json().error.code);
        expect(res.body).toMatch(/U\+0000|lone surrogate/);
      });
    }

    it('a path that is not UTF-8 (a lone surrogate, percent-encoded) is a 400 in the error envelope', async () => {
      const res = await admin('GET', '/admin/dlq/a%ED%A0%80b');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
    });

    it('a correctly signed webhook whose event id holds NUL is a 400 (not a 500 the sender retries for ever)', async () => {
      const body = JSON.stringify({ id: `evt_${NUL}1`, type: 'payment_intent.succeeded', data: { object: {} } });
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await signedStripe(body);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.code).toBe('WEBHOOK_IDEMPOTENCY_KEY_INVALID');
      }
    });

    it('a signed webhook whose type (copied into DetailType) holds NUL is refused as unmappable, 422', async () => {
      const res = await signedStripe(JSON.stringify({ id: 'evt_type_nul', type: `pay${NUL}ment`, data: { object: {} } }));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('WEBHOOK_MAPPING_FAILED');
    });
  });

  describe('JSON payloads keep NUL and lone surrogates exactly', () => {
    const odd = `a\u0000b\ud800c\udfffd😀`;

    it('a PutEvents Detail round-trips through the store', async () => {
      const res = await send('POST', '/v1/events', JSON.stringify({ Entries: [{ Source: 'app', DetailType: 'T', Detail: JSON.stringify({ text: odd, [odd]: 1 }) }] }));
      expect(res.statusCode, res.body).toBe(200);
      const id = res.json().Entries[0].EventId as string;
      const stored = await admin('GET', `/admin/events/events/${id}`);
      expect(stored.statusCode).toBe(200);
      expect(JSON.parse(stored.body).detail).toMatchObject({ text: odd, [odd]: 1 });
    });

    it("a signed webhook's JSON body round-trips into its event and its stored delivery", async () => {
      const body = JSON.stringify({ id: 'evt_odd_text', type: 'note.created', data: { object: { note: odd } } });
      const res = await signedStripe(body);
      expect(res.statusCode, res.body).toBe(202);
      const { deliveryId, eventIds } = res.json() as { deliveryId: string; eventIds: string[] };
      const delivery = JSON.parse((await admin('GET', `/admin/webhooks/deliveries/${deliveryId}`)).body) as { body: string; bodyEncoding: string };
      expect(Buffer.from(delivery.body, delivery.bodyEncoding as BufferEncoding).toString()).toBe(body);
      const event = JSON.parse((await admin('GET', `/admin/events/events/${eventIds[0]}`)).body) as { detail: { data: { object: { note: string } } } };
      expect(event.detail.data.object.note).toBe(odd);
    });

    it('a raw webhook body holding a NUL byte is stored and returned byte for byte', async () => {
      const body = Buffer.from('line one\u0000line two', 'utf8');
      const res = await hashi.app!.inject({
        method: 'POST',
        url: '/webhooks/raw',
        headers: { 'content-type': 'text/plain', 'x-signature': createHmac('sha256', RAW_SECRET).update(body).digest('hex') },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(202);
      const delivery = JSON.parse((await admin('GET', `/admin/webhooks/deliveries/${res.json().deliveryId as string}`)).body) as { body: string; bodyEncoding: BufferEncoding };
      expect(Buffer.from(delivery.body, delivery.bodyEncoding).equals(body)).toBe(true);
    });
  });

  describe('numbers that are not finite are 400, not a SQL error', () => {
    const routes = ['/admin/dlq', '/admin/events/dlq', '/admin/webhooks/deliveries', '/support/v1/tickets'];
    for (const route of routes) {
      for (const value of ['1e309', 'Infinity', '-Infinity']) {
        it(`${route}?limit=${value}`, async () => {
          const res = await send('GET', `${route}?limit=${value}`, undefined, route.startsWith('/admin') ? { authorization: `Bearer ${ADMIN_KEY}` } : {});
          expect(res.statusCode, res.body).toBe(400);
          expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'querystring.limit' })] });
        });
      }
    }

    it('a JSON number too large for a double (1e309 reads as Infinity) in free-form JSON', async () => {
      const res = await send('POST', '/v1/events', '{"Entries":[{"Source":"app","DetailType":"T","Detail":{"n":1e309}}]}');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'NUMBER_INVALID', details: { path: 'body.Entries[0].Detail.n' } });
    });
  });
});
