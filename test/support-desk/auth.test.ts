import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPartnerRequest } from '../../src/http/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { bearer, startDesk, ticketBody, type Desk } from './harness.ts';

const NOW = Date.UTC(2026, 3, 14, 10, 0, 0);
const HS_SECRET = 'support-desk-hs256-secret-0123456789';
const PARTNER = 'ITSM01';
const PARTNER_SECRET = 'itsm-partner-secret-0123456789';

// The three credential kinds of issue 6 ("Who may do what"), each reaching the ticket handlers with its customer.
describe('Support Desk: every auth scheme', () => {
  const clock = new FakeClock(NOW);
  let desk: Desk;
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    const jwksFile = join(mkdtempSync(join(tmpdir(), 'support-jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
    desk = await startDesk({
      clock,
      yaml: [
        'plans:',
        '  default: { rps: 1000, burst: 1000 }',
        '  partner: { rps: 50, burst: 100 }',
        'auth:',
        '  jwt:',
        `    secret: ${HS_SECRET}`,
        `    jwksFile: ${jwksFile}`,
        '  partners:',
        `    ${PARTNER}: { secret: ${PARTNER_SECRET}, tenant: acme, plan: partner, customerId: C300 }`,
        '',
      ].join('\n'),
    });
  });
  afterAll(async () => desk.close());

  const hs256 = (claims: Record<string, unknown>, opts: { exp?: number; secret?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-user')
      .setExpirationTime(opts.exp ?? NOW / 1000 + 600)
      .sign(new TextEncoder().encode(opts.secret ?? HS_SECRET));
  const rs256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('mobile-app').setExpirationTime(NOW / 1000 + 600).sign(rsa.privateKey);
  const create = (authorization: string | undefined, customerId: string) =>
    desk.app!.inject({
      method: 'POST',
      url: '/support/v1/tickets',
      headers: authorization ? { authorization } : {},
      payload: ticketBody({ customer: { id: customerId, name: 'Cliente' } }),
    });
  const owner = async (authorization: string, ticketId: string) =>
    (await desk.app!.inject({ url: `/support/v1/tickets/${ticketId}`, headers: { authorization } })).json().customer?.id;

  it('API key bound to a customer: files for that customer', async () => {
    const auth = bearer((await desk.keys.create({ tenant: 'acme', customerId: 'C100' })).key).authorization;
    const res = await create(auth, 'C100');
    expect(res.statusCode).toBe(202);
    expect(await owner(auth, res.json().ticket_id)).toBe('C100');
  });

  it('JWT HS256 with custom:customer_id', async () => {
    const auth = `Bearer ${await hs256({ 'custom:customer_id': 'C200', tenant: 'acme' })}`;
    const res = await create(auth, 'C200');
    expect(res.statusCode).toBe(202);
    expect(await owner(auth, res.json().ticket_id)).toBe('C200');
  });

  it('JWT RS256 verified against the JWKS file', async () => {
    const auth = `Bearer ${await rs256({ 'custom:customer_id': 'C201', tenant: 'acme' })}`;
    const res = await create(auth, 'C201');
    expect(res.statusCode).toBe(202);
  });

  it('partner-signed request: its customer and its plan (rate-limit tier) reach the handler', async () => {
    const auth = signPartnerRequest(PARTNER, PARTNER_SECRET, new Date(NOW - 60_000).toISOString());
    const res = await create(auth, 'C300');
    expect(res.statusCode).toBe(202);
    expect(res.headers['x-ratelimit-limit']).toBe('100');
    expect(await owner(auth, res.json().ticket_id)).toBe('C300');
  });

  it('refuses missing, expired and forged JWTs with 401', async () => {
    expect((await create(undefined, 'C200')).statusCode).toBe(401);
    const expired = await create(`Bearer ${await hs256({ 'custom:customer_id': 'C200' }, { exp: NOW / 1000 - 120 })}`, 'C200');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain('expired');
    const forged = await create(`Bearer ${await hs256({ 'custom:customer_id': 'C200' }, { secret: 'someone-elses-secret-0123456789' })}`, 'C200');
    expect(forged.statusCode).toBe(401);
    const unsigned = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","custom:customer_id":"C200"}').toString('base64url')}.`;
    expect((await create(unsigned, 'C200')).statusCode).toBe(401);
  });

  it('refuses signed requests outside the 5-minute window and forged signatures with 401', async () => {
    const stale = await create(signPartnerRequest(PARTNER, PARTNER_SECRET, new Date(NOW - 301_000).toISOString()), 'C300');
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.message).toContain('301 s old');
    const future = await create(signPartnerRequest(PARTNER, PARTNER_SECRET, new Date(NOW + 301_000).toISOString()), 'C300');
    expect(future.statusCode).toBe(401);
    const forged = await create(signPartnerRequest(PARTNER, 'guessed-secret-000000000000', new Date(NOW).toISOString()), 'C300');
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.message).toContain('signature does not verify');
  });

  it('a credential bound to a customer cannot file for another one (403 CUSTOMER_MISMATCH)', async () => {
    const res = await create(`Bearer ${await hs256({ 'custom:customer_id': 'C200', tenant: 'acme' })}`, 'C999');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CUSTOMER_MISMATCH');
  });

  it('a key without a customer is a tenant integration: it files for the body customer', async () => {
    const auth = bearer((await desk.keys.create({ tenant: 'acme' })).key).authorization;
    const res = await create(auth, 'C777');
    expect(res.statusCode).toBe(202);
    expect(await owner(auth, res.json().ticket_id)).toBe('C777');
  });
});

describe('Support Desk: support.tickets.tenantKeys off', () => {
  it('refuses credentials that name no customer with 403 CUSTOMER_REQUIRED', async () => {
    const desk = await startDesk({ yaml: 'support:\n  tickets:\n    tenantKeys: false\n' });
    try {
      const plain = (await desk.keys.create({ tenant: 'acme' })).key;
      const res = await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(plain), payload: ticketBody() });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CUSTOMER_REQUIRED');
      const list = await desk.app!.inject({ url: '/support/v1/tickets', headers: bearer(plain) });
      expect(list.statusCode).toBe(403);
      const bound = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
      expect((await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(bound), payload: ticketBody() })).statusCode).toBe(202);
    } finally {
      await desk.close();
    }
  });
});
