import { describe, expect, it } from 'vitest';
import { maskHeaders, maskSignature } from './index.ts';

const STRIPE = 't=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd';

describe('maskHeaders', () => {
  it('truncates signature headers, drops credentials and keeps the rest', () => {
    const headers = {
      'Stripe-Signature': STRIPE,
      'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      authorization: 'Bearer abc.def.ghi',
      Cookie: 'sid=123',
      'x-api-key': 'k-123',
      'X-Shopify-Access-Token': 'shpat_123',
      'x-client-secret': 'shh',
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'x-forwarded-for': ['203.0.113.7', '198.51.100.2'],
      absent: undefined,
    };

    const masked = maskHeaders(headers);

    expect(Object.keys(masked).sort()).toEqual(['Stripe-Signature', 'X-Hub-Signature-256', 'content-type', 'webhook-id', 'x-forwarded-for']);
    expect(masked['Stripe-Signature']).toBe('t=17672256…[70 chars masked]');
    expect(masked['X-Hub-Signature-256']).not.toContain('757107ea0eb2509fc211221cce984b8a37570b6d');
    expect(masked['x-forwarded-for']).toEqual(['203.0.113.7', '198.51.100.2']);
    expect(headers['Stripe-Signature']).toBe(STRIPE);
  });

  it("truncates a generic source's own signature header when given the definition", () => {
    const def = { scheme: 'hmac' as const, secrets: ['s'], hmac: { signatureHeader: 'X-Catalog-Signature', encoding: 'hex' as const } };
    const sig = 'f'.repeat(64);

    expect(maskHeaders({ 'x-catalog-signature': sig }, def)['x-catalog-signature']).toBe('ffffffffff…[54 chars masked]');
    expect(maskHeaders({ 'x-catalog-signature': sig })['x-catalog-signature']).toBe(sig);
  });

  it('never shows more than a quarter of a short signature', () => {
    expect(maskSignature('abcdefgh')).toBe('ab…[6 chars masked]');
    expect(maskSignature('abc')).toBe('…[3 chars masked]');
  });
});
