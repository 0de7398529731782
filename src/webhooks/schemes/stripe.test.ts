import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';
import type { SourceDefinition } from './index.ts';

// Payloads are signed by Stripe's own library (stripe.webhooks.generateTestHeaderString)
// and every verdict is cross-checked with stripe.webhooks.constructEvent.
const NOW = 1_767_225_600;
const SECRET = 'whsec_test_current_0123456789abcdef';
const OLD_SECRET = 'whsec_test_previous_fedcba9876543210';
const BODY = '{\n  "id": "evt_1Q", "object": "event",\n  "type": "payment_intent.succeeded", "data": {"object": {"amount": 1200}}\n}';

function signed(payload: string, secret: string, timestamp = NOW): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

function stripeAccepts(payload: string, header: string, secret: string, now = NOW): boolean {
  try {
    Stripe.webhooks.constructEvent(payload, header, secret, 300, undefined, now * 1000);
    return true;
  } catch {
    return false;
  }
}

const def: SourceDefinition = { scheme: 'stripe', secrets: [SECRET] };

describe('stripe scheme', () => {
  it('accepts a delivery signed by the stripe library, as constructEvent does', () => {
    const header = signed(BODY, SECRET);

    const result = verifyDelivery(def, { 'stripe-signature': header }, Buffer.from(BODY), NOW);

    expect(result).toEqual({ valid: true, timestamp: NOW });
    expect(stripeAccepts(BODY, header, SECRET)).toBe(true);
  });

  it('rejects a body with one byte changed, as constructEvent does', () => {
    const header = signed(BODY, SECRET);
    const tampered = BODY.replace('1200', '1201');

    const result = verifyDelivery(def, { 'Stripe-Signature': header }, Buffer.from(tampered), NOW);

    expect(result).toMatchObject({ valid: false, reason: 'invalid_signature' });
    expect(stripeAccepts(tampered, header, SECRET)).toBe(false);
  });

  it('rejects the same JSON re-serialised (different whitespace and key order)', () => {
    const header = signed(BODY, SECRET);
    const parsed = JSON.parse(BODY) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()));

    const compact = verifyDelivery(def, { 'stripe-signature': header }, Buffer.from(JSON.stringify(parsed)), NOW);
    const shuffled = verifyDelivery(def, { 'stripe-signature': header }, Buffer.from(reordered), NOW);

    expect(compact).toMatchObject({ valid: false, reason: 'invalid_signature' });
    expect(shuffled).toMatchObject({ valid: false, reason: 'invalid_signature' });
    expect(stripeAccepts(JSON.stringify(parsed), header, SECRET)).toBe(false);
  });

  it('accepts when any of several v1 signatures matches, and ignores v0', () => {
    const good = signed(BODY, SECRET).split('v1=')[1];
    const bogus = 'a'.repeat(64);
    const header = `t=${NOW},v1=${bogus},v0=${'b'.repeat(64)},v1=${good}`;

    const result = verifyDelivery(def, { 'stripe-signature': header }, Buffer.from(BODY), NOW);

    expect(result.valid).toBe(true);
    expect(stripeAccepts(BODY, header, SECRET)).toBe(true);
  });

  it('treats a header with only v0 signatures as malformed', () => {
    const v0only = `t=${NOW},v0=${signed(BODY, SECRET).split('v1=')[1]}`;

    const result = verifyDelivery(def, { 'stripe-signature': v0only }, Buffer.from(BODY), NOW);

    expect(result).toMatchObject({ valid: false, reason: 'malformed_signature' });
    expect(stripeAccepts(BODY, v0only, SECRET)).toBe(false);
  });

  it('rotates secrets: old and new both accepted while listed, the removed one refused', () => {
    const byOld = signed(BODY, OLD_SECRET);
    const byNew = signed(BODY, SECRET);
    const rotating: SourceDefinition = { scheme: 'stripe', secrets: [SECRET, OLD_SECRET] };

    expect(verifyDelivery(rotating, { 'stripe-signature': byOld }, Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(rotating, { 'stripe-signature': byNew }, Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(def, { 'stripe-signature': byOld }, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it('keys the HMAC with the whsec_ string itself, not its base64 decoding', () => {
    const header = signed(BODY, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');

    const result = verifyDelivery({ scheme: 'stripe', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }, { 'stripe-signature': header }, Buffer.from(BODY), NOW);

    expect(result.valid).toBe(true);
  });

  it.each([
    [-300, true, undefined],
    [-301, false, 'stale_timestamp'],
    [300, true, undefined],
    [301, false, 'future_timestamp'],
  ])('timestamp offset %i s → valid=%s', (offset, valid, reason) => {
    const header = signed(BODY, SECRET, NOW + offset);

    const result = verifyDelivery(def, { 'stripe-signature': header }, Buffer.from(BODY), NOW);

    expect(result.valid).toBe(valid);
    if (reason !== undefined) expect(result).toMatchObject({ reason });
    // Stripe's library checks only the past side; it agrees there.
    if (offset < 0) expect(stripeAccepts(BODY, header, SECRET)).toBe(valid);
  });

  it('says how far out of tolerance a stale delivery is', () => {
    const header = signed(BODY, SECRET, NOW - 301);

    const result = verifyDelivery(def, { 'stripe-signature': header }, Buffer.from(BODY), NOW);

    expect(result.valid ? '' : result.message).toContain('301 seconds old, 1 seconds past the 300-second tolerance');
  });

  it('honours a per-source tolerance', () => {
    const header = signed(BODY, SECRET, NOW - 30);
    const strict: SourceDefinition = { ...def, tolerance: 10 };

    expect(verifyDelivery(strict, { 'stripe-signature': header }, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'stale_timestamp' });
  });

  it.each([
    [{}, 'missing_signature', 'Stripe-Signature header is missing'],
    [{ 'stripe-signature': 'v1=' + 'a'.repeat(64) }, 'missing_timestamp', 'no t= timestamp'],
    [{ 'stripe-signature': `t=soon,v1=${'a'.repeat(64)}` }, 'malformed_signature', 't= element is not a unix timestamp'],
    [{ 'stripe-signature': `t=${NOW},v1=xyz` }, 'malformed_signature', 'none of them a 64-character hex'],
  ])('rejects bad headers %j as %s', (headers, reason, fragment) => {
    const result = verifyDelivery(def, headers, Buffer.from(BODY), NOW);

    expect(result).toMatchObject({ valid: false, reason });
    expect(result.valid ? '' : result.message).toContain(fragment);
  });
});
