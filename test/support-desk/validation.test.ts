import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, ingest, startDesk, ticketBody, type Desk } from './harness.ts';

// Payload shapes and limits: the reference design's CreateTicketRequest (shared/seeds/004, "Request Validation con JSON Schema") and issue 6.
describe('Support Desk: request validation', () => {
  let desk: Desk;
  let key: string;
  beforeAll(async () => {
    desk = await startDesk();
    key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
  });
  afterAll(async () => desk.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    desk.app!.inject({ method: 'POST', url, headers: { ...bearer(key), ...headers }, payload: payload as Record<string, unknown> });

  it('lists every error of an invalid ticket, not just the first', async () => {
    const res = await post('/support/v1/tickets', {
      customer: { id: 'X1', name: '' },
      asset: { product_type: 'TOASTER', model: 'x'.repeat(51), serial: 'sn-lower' },
      symptom_text: 'too short',
      error_code: 'E12',
      priority: 'P9',
      lang: 'fr-FR',
      policies: { grounded_only: 'yes' },
      extra: true,
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(error.details.map((d: { path: string; keyword: string }) => [d.path, d.keyword]));
    expect(byPath).toEqual({
      'customer.id': 'pattern',
      'customer.name': 'minLength',
      'asset.product_type': 'enum',
      'asset.model': 'maxLength',
      'asset.serial': 'pattern',
      symptom_text: 'minLength',
      error_code: 'pattern',
      priority: 'enum',
      lang: 'enum',
      'policies.grounded_only': 'type',
      extra: 'additionalProperties',
    });
    for (const d of error.details) expect(d.message).toEqual(expect.any(String));
  });

  it('names every missing required field', async () => {
    const res = await post('/support/v1/tickets', { customer: { id: 'C1' } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['asset', 'customer.name', 'symptom_text']);
  });

  it('refuses a malformed contact email and an over-long symptom', async () => {
    const res = await post('/support/v1/tickets', ticketBody({ customer: { id: 'C123', name: 'M', contact_email: 'not-an-email' }, symptom_text: 'x'.repeat(5001) }));
    expect(res.statusCode).toBe(400);
    const keywords = res.json().error.details.map((d: { path: string; keyword: string }) => `${d.path}:${d.keyword}`).sort();
    expect(keywords).toEqual(['customer.contact_email:format', 'symptom_text:maxLength']);
  });

  it('applies the defaults: priority P3, lang it-IT, both policies on', async () => {
    const { lang: _l, ...body } = ticketBody();
    const res = await post('/support/v1/tickets', body);
    expect(res.statusCode).toBe(202);
    const read = await desk.app!.inject({ url: `/support/v1/tickets/${res.json().ticket_id}`, headers: bearer(key) });
    expect(read.json()).toMatchObject({ priority: 'P3', lang: 'it-IT', policies: { safe_instructions: true, grounded_only: true } });
  });

  it('refuses a body that is not JSON', async () => {
    const res = await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: { ...bearer(key), 'content-type': 'application/json' }, payload: '{"customer":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_JSON');
  });

  it('validates feedback (rating 1–5, resolved boolean) and search (max_results ≤ 50, error code shape)', async () => {
    const fb = await post('/support/v1/tickets/tkt_01jzzzzzzzzzzzzzzzzzzzzzzz/feedback', { rating: 6, comment: 'x'.repeat(2001) });
    expect(fb.statusCode).toBe(400);
    expect(fb.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['comment', 'rating', 'resolved']);

    await ingest(desk);
    const search = await post('/support/v1/kb/search', { query: '', filters: { error_code: '101', doc_type: 'troubleshooting' }, max_results: 51 });
    expect(search.statusCode).toBe(400);
    expect(search.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['filters.error_code', 'max_results', 'query']);
  });

  it('refuses a list query with an unknown status or a forged cursor', async () => {
    const bad = await desk.app!.inject({ url: '/support/v1/tickets?status=DONE&limit=0', headers: bearer(key) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['querystring.limit', 'querystring.status']);
    const cursor = await desk.app!.inject({ url: '/support/v1/tickets?cursor=bm90LWEtY3Vyc29y', headers: bearer(key) });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.code).toBe('CURSOR_INVALID');
  });
});
