import { createHmac } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';
import type { IncomingHeaders, SourceDefinition } from './index.ts';

// Every failure message of every scheme, checked for leaks: no configured
// secret, no digest that was presented and none that would have matched.
const NOW = 1_767_225_600;
const BODY = '{"id":"evt_leakcheck","amount":4200}';
const SECRET = 'whsec_bGVha2NoZWNrLXNlY3JldC1tdXN0LW5ldmVyLWFwcGVhcg==';
const OTHER = 'whsec_YW5vdGhlci1zZWNyZXQtdGhhdC1pcy1jb25maWd1cmVk';

interface Case {
  def: SourceDefinition;
  headers: (ts: number) => Promise<IncomingHeaders>;
}

const hex = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

const CASES: Record<string, Case> = {
  stripe: {
    def: { scheme: 'stripe', secrets: [OTHER, SECRET] },
    headers: async (ts) => ({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET, timestamp: ts }) }),
  },
  'standard-webhooks': {
    def: { scheme: 'standard-webhooks', secrets: [OTHER, SECRET] },
    headers: async (ts) => ({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': new StandardWebhook(SECRET).sign('msg_1', new Date(ts * 1000), BODY),
    }),
  },
  github: { def: { scheme: 'github', secrets: [OTHER, SECRET] }, headers: async () => ({ 'x-hub-signature-256': await githubSign(SECRET, BODY) }) },
  shopify: {
    def: { scheme: 'shopify', secrets: [OTHER, SECRET] },
    headers: async () => ({ 'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(BODY).digest('base64') }),
  },
  slack: {
    def: { scheme: 'slack', secrets: [OTHER, SECRET] },
    headers: async (ts) => ({ 'x-slack-signature': `v0=${hex(SECRET, `v0:${ts}:${BODY}`)}`, 'x-slack-request-timestamp': String(ts) }),
  },
  hmac: {
    def: { scheme: 'hmac', secrets: [OTHER, SECRET], hmac: { signatureHeader: 'x-sig', timestampHeader: 'x-ts', encoding: 'hex', prefix: 'sha256=' } },
    headers: async (ts) => ({ 'x-sig': `sha256=${hex(SECRET, `${ts}.${BODY}`)}`, 'x-ts': String(ts) }),
  },
};

/** Every digest-looking token in the headers: hex runs and base64 runs of 20+ characters. */
function digestsIn(headers: IncomingHeaders): string[] {
  return Object.values(headers)
    .flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]))
    .flatMap((v) => v.match(/[A-Za-z0-9+/=]{20,}/g) ?? []);
}

function failures(valid: IncomingHeaders): Array<[IncomingHeaders, Buffer, number]> {
  const body = Buffer.from(BODY);
  const truncated = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, String(v).slice(0, -2)]));
  return [
    [valid, Buffer.from(BODY.replace('4200', '4201')), NOW],
    [valid, body, NOW + 10_000],
    [valid, body, NOW - 10_000],
    [truncated, body, NOW],
    [{}, body, NOW],
    [valid, body, NOW],
  ].map(([h, b, n]) => [h as IncomingHeaders, b as Buffer, n as number]);
}

describe('failure messages never leak secrets or signatures', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const { def, headers } = CASES[name]!;
    const valid = await headers(NOW);
    const removedSecret: SourceDefinition = { ...def, secrets: [OTHER] };
    const forbidden = [SECRET, OTHER, SECRET.slice(6), OTHER.slice(6), ...digestsIn(valid)];
    let checked = 0;

    for (const [h, body, now] of failures(valid)) {
      for (const d of [def, removedSecret]) {
        const result = verifyDelivery(d, h, body, now);
        if (result.valid) continue;
        checked++;
        expect(result.message.length).toBeGreaterThan(10);
        for (const token of forbidden) expect(result.message).not.toContain(token);
      }
    }

    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
