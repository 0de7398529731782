import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookSourceConfig } from '../../src/webhooks/index.ts';
import { webhooksHarness, type Harness } from './harness.ts';
import { githubHeaders, hmacHeaders, shopifyHeaders, slackHeaders, standardHeaders, stripeHeaders } from './signers.ts';

/*
 * The same five checks for every scheme, through POST /webhooks/:source:
 * rotation (the previous secret still verifies), tampering and re-serialised
 * JSON (403), a duplicate (already_processed, one event), and for schemes that
 * sign a timestamp, the tolerance boundaries (exactly 120 s either way
 * accepted, 121 s refused as stale or future).
 */
type Sign = (body: string, secret: string, ts: number, id: string) => Promise<Record<string, string>> | Record<string, string>;

interface Scheme {
  name: string;
  secrets: [string, string];
  sign: Sign;
  timestamped: boolean;
  extra?: Partial<WebhookSourceConfig>;
  /** A secret the source does not know, in the scheme's format. */
  stranger?: string;
}

const schemes: Scheme[] = [
  { name: 'stripe', secrets: ['whsec_m_stripe_new_0123456789', 'whsec_m_stripe_old_0123456789'], sign: (b, s, ts) => stripeHeaders(b, s, ts), timestamped: true },
  {
    name: 'standard-webhooks',
    secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_dGVzdC1vbGQtc2VjcmV0LTAxMjM0NTY3ODlhYg=='],
    sign: (b, s, ts, id) => standardHeaders(`msg_${id}`, ts, b, s),
    timestamped: true,
    stranger: 'whsec_c3RyYW5nZXItc2VjcmV0LTAxMjM0NTY3ODlhYmNk',
  },
  { name: 'github', secrets: ['gh-new-secret', 'gh-old-secret'], sign: (b, s, _ts, id) => githubHeaders(b, s, `d-${id}`), timestamped: false },
  { name: 'shopify', secrets: ['shp-new-secret', 'shp-old-secret'], sign: (b, s, _ts, id) => shopifyHeaders(b, s, `w-${id}`), timestamped: false },
  { name: 'slack', secrets: ['slack-new-secret', 'slack-old-secret'], sign: (b, s, ts) => slackHeaders(b, s, ts), timestamped: true },
  {
    name: 'hmac',
    secrets: ['hmac-new-secret', 'hmac-old-secret'],
    sign: (b, s, ts) => hmacHeaders(b, s, ts),
    timestamped: true,
    extra: { hmac: { signatureHeader: 'X-Catalog-Signature', timestampHeader: 'X-Catalog-Timestamp', encoding: 'hex', prefix: 'sha256=' } },
  },
];

// Pretty-printed on purpose: re-serialising it changes the bytes, not the data.
const bodyFor = (id: string) => `{\n  "id": "${id}",\n  "event_id": "${id}",\n  "type": "thing.happened",\n  "n": 1\n}`;

describe('every scheme: rotation, tampering, re-serialised JSON, duplicates, tolerance boundaries', () => {
  let h: Harness;
  let now: number;
  beforeAll(async () => {
    const sources = Object.fromEntries(schemes.map((s) => [s.name, { scheme: s.name, secrets: s.secrets, tolerance: 120, ...s.extra } as WebhookSourceConfig]));
    h = await webhooksHarness({ sources });
    now = Math.floor(h.clock.now() / 1000);
  });
  afterAll(async () => {
    await h.close();
  });
  const post = (source: string, headers: Record<string, string>, payload: string) => h.app.inject({ method: 'POST', url: `/webhooks/${source}`, headers, payload });
  const eventsOf = async (source: string) => (await h.bus.events()).filter((e) => e.source === `webhooks.${source}`);

  for (const s of schemes) {
    it(`${s.name}`, async () => {
      const id = (k: string) => `${s.name.replace(/-/g, '_')}_${k}`;
      const byOld = await post(s.name, await s.sign(bodyFor(id('old')), s.secrets[1], now, id('old')), bodyFor(id('old')));
      const tamperedHeaders = await s.sign(bodyFor(id('t')), s.secrets[0], now, id('t'));
      const tampered = await post(s.name, tamperedHeaders, bodyFor(id('t')).replace('"n": 1', '"n": 2'));
      const reserialised = await post(s.name, tamperedHeaders, JSON.stringify(JSON.parse(bodyFor(id('t')))));
      const unknownSecret = await post(s.name, await s.sign(bodyFor(id('u')), s.stranger ?? 'not-a-configured-secret-0123456789', now, id('u')), bodyFor(id('u')));
      const first = await post(s.name, await s.sign(bodyFor(id('d')), s.secrets[0], now, id('d')), bodyFor(id('d')));
      const again = await post(s.name, await s.sign(bodyFor(id('d')), s.secrets[0], now, id('d')), bodyFor(id('d')));

      expect(byOld.statusCode).toBe(202);
      expect([tampered.statusCode, tampered.json().error.code]).toEqual([403, 'WEBHOOK_SIGNATURE_INVALID']);
      expect([reserialised.statusCode, reserialised.json().error.code]).toEqual([403, 'WEBHOOK_SIGNATURE_INVALID']);
      expect(unknownSecret.statusCode).toBe(403);
      expect(first.statusCode).toBe(202);
      expect(again.json()).toEqual({ ...first.json(), status: 'already_processed' });
      expect(await eventsOf(s.name)).toHaveLength(2);

      if (!s.timestamped) return;
      const at = async (k: string, ts: number) => post(s.name, await s.sign(bodyFor(id(k)), s.secrets[0], ts, id(k)), bodyFor(id(k)));
      const edgePast = await at('p', now - 120);
      const edgeFuture = await at('f', now + 120);
      const stale = await at('s', now - 121);
      const future = await at('x', now + 121);
      expect([edgePast.statusCode, edgeFuture.statusCode]).toEqual([202, 202]);
      expect([stale.statusCode, stale.json().error.code]).toEqual([403, 'WEBHOOK_TIMESTAMP_STALE']);
      expect([future.statusCode, future.json().error.code]).toEqual([403, 'WEBHOOK_TIMESTAMP_FUTURE']);
    });
  }
});
