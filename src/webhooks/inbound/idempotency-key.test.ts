import { describe, expect, it } from 'vitest';
import { deriveIdempotencyKey, type KeyInput } from './idempotency-key.ts';

const base = (over: Partial<KeyInput>): KeyInput => ({ scheme: 'hmac', spec: undefined, headers: {}, payload: {}, rawBody: Buffer.from('{}'), verified: { valid: true }, ...over });

describe('idempotency keys of inbound deliveries', () => {
  it('takes the configured header or field, and refuses a delivery without it', () => {
    expect(deriveIdempotencyKey(base({ spec: { header: 'X-Request-Id' }, headers: { 'x-request-id': ' r-1 ' } }))).toEqual({ ok: true, key: 'r-1', from: 'header' });
    expect(deriveIdempotencyKey(base({ spec: { field: 'review_id' }, payload: { review_id: 42 } }))).toEqual({ ok: true, key: '42', from: 'field' });
    expect(deriveIdempotencyKey(base({ spec: { field: '$.batch.id' }, payload: { batch: { id: 'b-7' } } }))).toEqual({ ok: true, key: 'b-7', from: 'field' });
    expect(deriveIdempotencyKey(base({ spec: { field: 'review_id' }, payload: { review_id: '' } }))).toMatchObject({ ok: false });
    expect(deriveIdempotencyKey(base({ spec: { header: 'X-Request-Id' } }))).toEqual({ ok: false, message: 'idempotency key header X-Request-Id is missing' });
  });

  it('defaults to the provider id: Stripe event id, the verified delivery id, Slack event_id, else a hash of the bytes', () => {
    expect(deriveIdempotencyKey(base({ scheme: 'stripe', payload: { id: 'evt_1' } }))).toMatchObject({ key: 'evt_1', from: 'field' });
    expect(deriveIdempotencyKey(base({ scheme: 'github', verified: { valid: true, id: 'gh-1' } }))).toMatchObject({ key: 'gh-1', from: 'delivery-id' });
    expect(deriveIdempotencyKey(base({ scheme: 'slack', payload: { event_id: 'Ev1' } }))).toMatchObject({ key: 'Ev1' });
    const hashed = deriveIdempotencyKey(base({ rawBody: Buffer.from('same bytes') }));
    expect(hashed).toMatchObject({ ok: true, from: 'body-hash', key: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(deriveIdempotencyKey(base({ rawBody: Buffer.from('same bytes') }))).toEqual(hashed);
  });

  it('stores very long keys as their hash', () => {
    const long = 'k'.repeat(500);
    expect(deriveIdempotencyKey(base({ spec: { field: 'id' }, payload: { id: long } }))).toMatchObject({ key: expect.stringMatching(/^sha256:/) });
  });
});
