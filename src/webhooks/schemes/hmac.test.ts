import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { effectivePayload, verifyDelivery } from './index.ts';
import type { SourceDefinition } from './index.ts';

const SECRET = 'generic-catalog-secret-7f3a';
const BODY = '{"isbn":"978-4-08-882046-7","title":"ONE PIECE 107"}';
const NOW = 1_767_225_600;

function mac(parts: string[], encoding: 'hex' | 'base64', secret = SECRET): string {
  const h = createHmac('sha256', secret);
  for (const p of parts) h.update(p);
  return h.digest(encoding);
}

const bodyOnly: SourceDefinition = {
  scheme: 'hmac',
  secrets: [SECRET],
  hmac: { signatureHeader: 'X-Catalog-Signature', encoding: 'hex', prefix: 'sha256=' },
};

const timestamped: SourceDefinition = {
  scheme: 'hmac',
  secrets: [SECRET],
  hmac: { signatureHeader: 'X-Review-Signature', timestampHeader: 'X-Review-Timestamp', encoding: 'base64' },
};

describe('generic hmac scheme', () => {
  it('defaults the payload to body without a timestamp header and timestamp.body with one', () => {
    expect(effectivePayload({ signatureHeader: 's', encoding: 'hex' })).toBe('body');
    expect(effectivePayload({ signatureHeader: 's', encoding: 'hex', timestampHeader: 't' })).toBe('timestamp.body');
    expect(effectivePayload({ signatureHeader: 's', encoding: 'hex', timestampHeader: 't', payload: 'body' })).toBe('body');
  });

  it('verifies a prefixed hex signature over the body', () => {
    const headers = { 'x-catalog-signature': `sha256=${mac([BODY], 'hex')}` };

    expect(verifyDelivery(bodyOnly, headers, Buffer.from(BODY), NOW)).toEqual({ valid: true });
  });

  it('requires the configured prefix', () => {
    const headers = { 'x-catalog-signature': mac([BODY], 'hex') };

    expect(verifyDelivery(bodyOnly, headers, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'malformed_signature', message: 'X-Catalog-Signature header does not start with sha256=' });
  });

  it('verifies a base64 signature over `${timestamp}.${body}` and checks freshness', () => {
    const ts = String(NOW - 10);
    const headers = { 'X-Review-Signature': mac([`${ts}.`, BODY], 'base64'), 'X-Review-Timestamp': ts };

    expect(verifyDelivery(timestamped, headers, Buffer.from(BODY), NOW)).toEqual({ valid: true, timestamp: NOW - 10 });
  });

  it.each([
    [-300, true, undefined],
    [-301, false, 'stale_timestamp'],
    [300, true, undefined],
    [301, false, 'future_timestamp'],
  ])('timestamp offset %i s → valid=%s', (offset, valid, reason) => {
    const ts = String(NOW + offset);
    const headers = { 'x-review-signature': mac([`${ts}.`, BODY], 'base64'), 'x-review-timestamp': ts };

    const result = verifyDelivery(timestamped, headers, Buffer.from(BODY), NOW);

    expect(result.valid).toBe(valid);
    if (reason !== undefined) expect(result).toMatchObject({ reason });
  });

  it('rejects a body-only signature when the timestamp is signed too', () => {
    const headers = { 'x-review-signature': mac([BODY], 'base64'), 'x-review-timestamp': String(NOW) };

    expect(verifyDelivery(timestamped, headers, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it("with payload 'body' and a timestamp header, checks freshness but signs only the body", () => {
    const def: SourceDefinition = { ...timestamped, hmac: { ...timestamped.hmac!, payload: 'body' } };
    const headers = { 'x-review-signature': mac([BODY], 'base64'), 'x-review-timestamp': String(NOW - 301) };

    expect(verifyDelivery(def, headers, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'stale_timestamp' });
    expect(verifyDelivery(def, { ...headers, 'x-review-timestamp': String(NOW) }, Buffer.from(BODY), NOW).valid).toBe(true);
  });

  it('rotates secrets and rejects tampering and re-serialisation', () => {
    const rotating: SourceDefinition = { ...bodyOnly, secrets: ['new-secret', SECRET] };
    const headers = { 'x-catalog-signature': `sha256=${mac([BODY], 'hex')}` };

    expect(verifyDelivery(rotating, headers, Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery({ ...bodyOnly, secrets: ['new-secret'] }, headers, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifyDelivery(bodyOnly, headers, Buffer.from(BODY.replace('107', '108')), NOW)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifyDelivery(bodyOnly, headers, Buffer.from(JSON.stringify(JSON.parse(BODY), null, 2)), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it.each([
    [{}, 'missing_signature', 'X-Review-Signature header is missing'],
    [{ 'x-review-signature': 'AAAA' }, 'missing_timestamp', 'X-Review-Timestamp header is missing'],
    [{ 'x-review-signature': 'AAAA', 'x-review-timestamp': String(NOW) }, 'malformed_signature', 'is not a base64 SHA-256 digest'],
  ])('rejects %j as %s', (headers, reason, message) => {
    const result = verifyDelivery(timestamped, headers, Buffer.from(BODY), NOW);

    expect(result).toMatchObject({ valid: false, reason });
    expect(result.valid ? '' : result.message).toContain(message);
  });
});
