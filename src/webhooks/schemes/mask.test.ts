import { describe, expect, it } from 'vitest';
import { maskHeaders, maskSignature } from './index.ts';

const STRIPE = 't=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd';

describe('maskHeaders', () => {
  it('truncates signature headers, redacts credentials and keeps the rest', () => {
    const headers = {
      'Stripe-Signature': STRIPE,
      'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      authorization: 'Bearer abc.def.ghi',
      Cookie: 'sid=123',
      'x-api-key': 'k-123',
      'x-admin-key': 'the-admin-key',
      'X-Shopify-Access-Token': 'shpat_123',
      'x-client-secret': 'shh',
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'x-forwarded-for': ['203.0.113.7', '198.51.100.2'],
      absent: undefined,
    };

    const masked = maskHeaders(headers);

    expect(masked).toMatchObject({
      authorization: '[redacted]',
      Cookie: '[redacted]',
      'x-api-key': '[redacted]',
      'x-admin-key': '[redacted]',
      'X-Shopify-Access-Token': '[redacted]',
      'x-client-secret': '[redacted]',
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'x-forwarded-for': ['203.0.113.7', '198.51.100.2'],
    });
    expect(masked).not.toHaveProperty('absent');
    expect(masked['Stripe-Signature']).toBe('t=17672256…[70 chars masked]');
    expect(masked['X-Hub-Signature-256']).not.toContain('757107ea0eb2509fc211221cce984b8a37570b6d');
    expect(headers['Stripe-Signature']).toBe(STRIPE);
  });

  it("truncates a generic source's own signature header when given the definition, whatever its name", () => {
    const def = { scheme: 'hmac' as const, secrets: ['s'], hmac: { signatureHeader: 'X-Hook-Digest', encoding: 'hex' as const } };
    const sig = 'f'.repeat(64);

    expect(maskHeaders({ 'x-hook-digest': sig }, def)['x-hook-digest']).toBe('ffffffffff…[54 chars masked]');
    expect(maskHeaders({ 'x-hook-digest': sig })['x-hook-digest']).toBe(sig);
  });

  it("truncates other schemes' and other sources' signature headers too (posted to the wrong source)", () => {
    const sig = 'a'.repeat(64);
    const masked = maskHeaders({ 'x-catalog-signature': sig, 'x-slack-signature': `v0=${sig}`, 'svix-signature': `v1,${sig}`, 'x-shopify-hmac-sha256': sig }, { scheme: 'github', secrets: ['s'] });
    for (const value of Object.values(masked)) expect(value).not.toContain(sig.slice(0, 20));
  });

  it('never shows more than a quarter of a short signature, and masking twice changes nothing', () => {
    expect(maskSignature('abcdefgh')).toBe('ab…[6 chars masked]');
    expect(maskSignature('abc')).toBe('…[3 chars masked]');
    expect(maskSignature(maskSignature(STRIPE))).toBe(maskSignature(STRIPE));
  });
});
