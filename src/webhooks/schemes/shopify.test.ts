import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';
import type { SourceDefinition } from './index.ts';

// Shopify publishes no npm signer or worked example; the signature is computed
// exactly as shopify.dev "Verify webhooks" describes: base64 of HMAC-SHA256 of
// the raw body, keyed with the app's client secret.
const SECRET = 'shpss_current_client_secret';
const OLD_SECRET = 'shpss_previous_client_secret';
const BODY = '{"id":820982911946154508,"email":"jon@example.com","total_price":"199.65","line_items":[{"title":"ワンピース 1"}]}';
const NOW = 1_767_225_600;

function shopifySign(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

const def: SourceDefinition = { scheme: 'shopify', secrets: [SECRET] };

describe('shopify scheme', () => {
  it('accepts a correctly signed delivery and returns the webhook id', () => {
    const headers = { 'X-Shopify-Hmac-Sha256': shopifySign(SECRET, BODY), 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' };

    expect(verifyDelivery(def, headers, Buffer.from(BODY), NOW)).toEqual({ valid: true, id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
  });

  it('also reads the unprefixed Shopify-Hmac-Sha256 header of Events deliveries', () => {
    expect(verifyDelivery(def, { 'shopify-hmac-sha256': shopifySign(SECRET, BODY) }, Buffer.from(BODY), NOW).valid).toBe(true);
  });

  it('signs the UTF-8 bytes: multi-byte characters in the raw body verify', () => {
    expect(verifyDelivery(def, { 'x-shopify-hmac-sha256': shopifySign(SECRET, Buffer.from(BODY, 'utf8')) }, Buffer.from(BODY), NOW).valid).toBe(true);
  });

  it('rejects one changed byte and re-serialised JSON', () => {
    const headers = { 'x-shopify-hmac-sha256': shopifySign(SECRET, BODY) };
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 1);

    expect(verifyDelivery(def, headers, Buffer.from(BODY.replace('199.65', '199.66')), NOW)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifyDelivery(def, headers, Buffer.from(reserialised), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it('rotates secrets: old and new both accepted while listed, the removed one refused', () => {
    const byOld = { 'x-shopify-hmac-sha256': shopifySign(OLD_SECRET, BODY) };

    expect(verifyDelivery({ scheme: 'shopify', secrets: [SECRET, OLD_SECRET] }, byOld, Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(def, byOld, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it('rejects a hex digest where base64 is expected, and a missing header', () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');

    expect(verifyDelivery(def, { 'x-shopify-hmac-sha256': hex }, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'malformed_signature' });
    expect(verifyDelivery(def, {}, Buffer.from(BODY), NOW)).toMatchObject({
      reason: 'missing_signature',
      message: 'X-Shopify-Hmac-Sha256 header is missing',
    });
  });
});
