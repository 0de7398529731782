import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';
import type { SourceDefinition } from './index.ts';

// Signatures come from the reference libraries' own `Webhook.sign`.
const NOW = 1_767_225_600;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_c2VjcmV0LXRoYXQtd2FzLXJvdGF0ZWQtb3V0IQ==';
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const BODY = '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}';

const def: SourceDefinition = { scheme: 'standard-webhooks', secrets: [SECRET] };

function headersFor(secret: string, timestamp = NOW, body = BODY): Record<string, string> {
  return {
    'webhook-id': ID,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new StandardWebhook(secret).sign(ID, new Date(timestamp * 1000), body),
  };
}

describe('standard-webhooks scheme', () => {
  it('accepts a delivery signed by the standardwebhooks library and returns its id and timestamp', () => {
    const result = verifyDelivery(def, headersFor(SECRET), Buffer.from(BODY), NOW);

    expect(result).toEqual({ valid: true, timestamp: NOW, id: ID });
  });

  it('matches the worked example in the Svix docs (svix-* headers)', () => {
    // docs.svix.com "Verifying webhooks": secret, headers and body as published there.
    const headers = {
      'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'svix-timestamp': '1614265330',
      'svix-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };

    const result = verifyDelivery(def, headers, Buffer.from('{"test": 2432232314}'), 1614265330);

    expect(result).toEqual({ valid: true, timestamp: 1614265330, id: 'msg_p5jXN8AQM9LWM0D4loKWxJek' });
  });

  it('accepts svix-* headers signed by the svix library, header names in any case', () => {
    const signature = new SvixWebhook(SECRET).sign(ID, new Date(NOW * 1000), BODY);
    const headers = { 'Svix-Id': ID, 'SVIX-TIMESTAMP': String(NOW), 'svix-signature': signature };

    expect(verifyDelivery(def, headers, Buffer.from(BODY), NOW).valid).toBe(true);
  });

  it('rejects one changed byte, a changed id and re-serialised JSON', () => {
    const headers = headersFor(SECRET);
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);

    const tampered = verifyDelivery(def, headers, Buffer.from(BODY.replace('contact', 'contacT')), NOW);
    const otherId = verifyDelivery(def, { ...headers, 'webhook-id': 'msg_other' }, Buffer.from(BODY), NOW);
    const pretty = verifyDelivery(def, headers, Buffer.from(reserialised), NOW);

    expect(tampered).toMatchObject({ valid: false, reason: 'invalid_signature' });
    expect(otherId).toMatchObject({ valid: false, reason: 'invalid_signature' });
    expect(pretty).toMatchObject({ valid: false, reason: 'invalid_signature' });
  });

  it('accepts a space-separated list where one v1 entry matches (sender-side rotation)', () => {
    const good = headersFor(SECRET)['webhook-signature'];
    const stale = headersFor(OLD_SECRET)['webhook-signature'];
    const headers = { ...headersFor(SECRET), 'webhook-signature': `v1a,${'A'.repeat(86)}== ${stale} ${good}` };

    expect(verifyDelivery(def, headers, Buffer.from(BODY), NOW).valid).toBe(true);
  });

  it('rotates secrets on our side: both listed accepted, the removed one refused', () => {
    const rotating: SourceDefinition = { scheme: 'standard-webhooks', secrets: [SECRET, OLD_SECRET] };

    expect(verifyDelivery(rotating, headersFor(OLD_SECRET), Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(rotating, headersFor(SECRET), Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(def, headersFor(OLD_SECRET), Buffer.from(BODY), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it('accepts a secret given without the whsec_ prefix, as the libraries do', () => {
    const bare: SourceDefinition = { scheme: 'standard-webhooks', secrets: [SECRET.slice('whsec_'.length)] };

    expect(verifyDelivery(bare, headersFor(SECRET), Buffer.from(BODY), NOW).valid).toBe(true);
  });

  it.each([
    [-300, true, undefined],
    [-301, false, 'stale_timestamp'],
    [300, true, undefined],
    [301, false, 'future_timestamp'],
  ])('timestamp offset %i s → valid=%s', (offset, valid, reason) => {
    const result = verifyDelivery(def, headersFor(SECRET, NOW + offset), Buffer.from(BODY), NOW);

    expect(result.valid).toBe(valid);
    if (reason !== undefined) expect(result).toMatchObject({ reason });
  });

  it('says how far in the future a delivery is', () => {
    const result = verifyDelivery(def, headersFor(SECRET, NOW + 400), Buffer.from(BODY), NOW);

    expect(result.valid ? '' : result.message).toContain('400 seconds in the future, 100 seconds past the 300-second tolerance');
  });

  it.each([
    ['webhook-signature', 'missing_signature', 'webhook-signature (or svix-signature) header is missing'],
    ['webhook-id', 'missing_signature', 'webhook-id (or svix-id) header is missing'],
    ['webhook-timestamp', 'missing_timestamp', 'webhook-timestamp (or svix-timestamp) header is missing'],
  ])('reports a missing %s header', (name, reason, message) => {
    const headers: Record<string, string> = headersFor(SECRET);
    delete headers[name];

    const result = verifyDelivery(def, headers, Buffer.from(BODY), NOW);

    expect(result).toMatchObject({ valid: false, reason });
    expect(result.valid ? '' : result.message).toContain(message);
  });

  it.each([
    [{ 'webhook-timestamp': 'yesterday' }, 'webhook-timestamp header is not a unix timestamp'],
    [{ 'webhook-signature': 'v2,abc' }, 'has no v1,<base64> entry'],
    [{ 'webhook-signature': 'v1,not base64!' }, 'none of them a base64 SHA-256 digest'],
  ])('reports malformed headers %j', (override, fragment) => {
    const result = verifyDelivery(def, { ...headersFor(SECRET), ...override }, Buffer.from(BODY), NOW);

    expect(result).toMatchObject({ valid: false, reason: 'malformed_signature' });
    expect(result.valid ? '' : result.message).toContain(fragment);
  });
});
