import { Writable } from 'node:stream';
import { sql } from 'kysely';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/index.ts';
import { ADMIN_KEY, createKey } from '../support/hashi.ts';
import { hashiBackends, type TestHashi } from '../support/hashi-backends.ts';

// Issue 11, defect 6: no credential reaches a log line or a stored header, in
// whatever spelling it was sent. The logger here is the real one (pino, JSON
// lines at info) writing into a string; stored rows are read from the table.
const STRIPE_SECRET = 'whsec_credentials_test';
const YAML = `
plans:
  default: { rps: 1000, burst: 1000, dailyQuota: 0 }
sources:
  stripe: { scheme: stripe, secrets: ["${STRIPE_SECRET}"] }
  github: { scheme: github, secrets: ["gh-secret"] }
  catalog:
    scheme: hmac
    secrets: ["catalog-secret"]
    hmac: { signatureHeader: X-Catalog-Signature, encoding: hex }
manga:
  enabled: false
`;

describe.each(hashiBackends)('credentials in logs and stored headers [$name]', (backend) => {
  let hashi: TestHashi;
  let key: string;
  let logs = '';
  const SIG = 'c0ffee'.repeat(10) + 'abcd';
  beforeAll(async () => {
    const destination = new Writable({ write: (chunk: Buffer, _enc, done) => ((logs += chunk.toString()), done()) });
    hashi = await backend.open({ yaml: YAML, logger: createLogger({ level: 'info', destination }) });
    key = await createKey(hashi);
  });
  afterAll(async () => hashi?.close());

  const secretOf = (k: string) => k.split('_').at(-1)!;

  it('?api%5Fkey= authenticates (it is api_key, decoded) and is not logged', async () => {
    logs = '';
    const res = await hashi.app!.inject({ url: `/v1/chat/stream?message=hi&api%5Fkey=${key}` });
    expect(res.statusCode).toBe(200);
    expect(logs).toContain('api%5Fkey=[redacted]');
    expect(logs).not.toContain(secretOf(key));
  });

  it('spellings the auth refuses are not logged either', async () => {
    logs = '';
    for (const name of ['API_KEY', 'apikey', 'api-key', 'Api%2DKey', 'access_token', 'token', 'x-api-key']) {
      const res = await hashi.app!.inject({ url: `/v1/whoami?${name}=${key}` });
      expect(res.statusCode, name).toBe(401);
    }
    expect(logs.match(/request completed/g)).toHaveLength(7);
    expect(logs).not.toContain(secretOf(key));
  });

  it('x-admin-key and every signature header are masked in webhook log lines and in stored delivery headers', async () => {
    logs = '';
    const foreign = {
      'x-admin-key': ADMIN_KEY,
      authorization: `Bearer ${key}`,
      'x-hub-signature-256': `sha256=${SIG}`,
      'x-slack-signature': `v0=${SIG}`,
      'x-catalog-signature': SIG,
      'x-webhook-signature': SIG,
    };
    // Rejected (other schemes' signatures posted to the wrong source): logged as `webhook rejected`.
    const rejected = await hashi.app!.inject({ method: 'POST', url: '/webhooks/github', headers: { ...foreign, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, 'content-type': 'application/json' }, payload: '{}' });
    expect(rejected.statusCode).toBe(403);
    const { 'x-catalog-signature': _own, ...others } = foreign;
    const noSig = await hashi.app!.inject({ method: 'POST', url: '/webhooks/catalog', headers: { ...others, 'stripe-signature': `t=1,v1=${SIG}` }, payload: '{}' });
    expect(noSig.statusCode).toBe(401);
    // Accepted, with the same extra headers: stored.
    const body = JSON.stringify({ id: 'evt_cred_1', type: 'ping', data: {} });
    const accepted = await hashi.app!.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: { ...foreign, 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET }) },
      payload: body,
    });
    expect(accepted.statusCode).toBe(202);

    expect(logs).toContain('webhook rejected');
    const rows = await sql<{ headers: string }>`select headers from webhook_deliveries`.execute(hashi.store.db);
    const stored = rows.rows.map((r) => r.headers).join('\n');
    const shown = (await hashi.app!.inject({ url: `/admin/webhooks/deliveries/${accepted.json().deliveryId as string}`, headers: { 'x-admin-key': ADMIN_KEY } })).body;
    for (const [where, text] of Object.entries({ logs, stored, shown })) {
      expect(text, where).not.toContain(ADMIN_KEY);
      expect(text, where).not.toContain(secretOf(key));
      expect(text, where).not.toContain(SIG.slice(0, 24));
      expect(text, where).toContain('[redacted]');
    }
    expect(JSON.parse(shown).headers['x-admin-key']).toBe('[redacted]');
  });
});
