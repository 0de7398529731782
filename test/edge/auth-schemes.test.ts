import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signPartnerRequest } from '../../src/http/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { createHashi } from '../../src/main.ts';
import { silentLogger } from '../../src/observability/index.ts';
import { testConfig } from '../support/hashi.ts';

const HS_SECRET = 'jwt-test-secret-of-sufficient-length';
const PARTNER_SECRET = 'partner-secret-0123456789';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('JWT and signed-request authentication', () => {
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwksFile: string;
  let hashi: Awaited<ReturnType<typeof createHashi>> | undefined;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwksFile = join(mkdtempSync(join(tmpdir(), 'hashi-jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
  });
  afterEach(async () => {
    await hashi?.stop();
    clock.set(NOW);
  });

  async function start(jwtYaml: string) {
    const yaml = `auth:\n  cacheTtlMs: 300000\n  jwt:\n${jwtYaml}\n  partners:\n    ITSM01:\n      secret: ${PARTNER_SECRET}\n      tenant: itsm\n      plan: default\n      customerId: C100\n`;
    hashi = await createHashi(testConfig(yaml), { http: true, clock, logger: silentLogger() });
    return hashi;
  }
  const whoami = (authorization: string) => hashi!.app!.inject({ url: '/v1/whoami', headers: { authorization } });
  const hs = (claims: Record<string, unknown>, exp = NOW / 1000 + 600, secret = HS_SECRET) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').setIssuedAt(NOW / 1000).setExpirationTime(exp).sign(new TextEncoder().encode(secret));

  it('accepts an HS256 token and maps custom:customer_id, tenant and plan', async () => {
    await start(`    secret: ${HS_SECRET}`);
    const res = await whoami(`Bearer ${await hs({ 'custom:customer_id': 'C42', tenant: 'acme' })}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ keyId: 'jwt:user-1', tenant: 'acme', plan: 'default', scheme: 'jwt', customerId: 'C42' });
  });

  it('refuses expired, forged and unsigned tokens', async () => {
    await start(`    secret: ${HS_SECRET}`);
    const expired = await whoami(`Bearer ${await hs({}, NOW / 1000 - 120)}`);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain('expired');
    const forged = await whoami(`Bearer ${await hs({}, NOW / 1000 + 600, 'another-secret-entirely-0000')}`);
    expect(forged.statusCode).toBe(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    expect((await whoami(`Bearer ${none}`)).statusCode).toBe(401);
  });

  it('does not serve a cached decision past the token expiry', async () => {
    await start(`    secret: ${HS_SECRET}`);
    const token = await hs({}, NOW / 1000 + 60);
    expect((await whoami(`Bearer ${token}`)).statusCode).toBe(200);
    clock.tick(120_000);
    expect((await whoami(`Bearer ${token}`)).statusCode).toBe(401);
  });

  it('verifies RS256 tokens against a JWKS file', async () => {
    await start(`    jwksFile: ${jwksFile}\n    issuer: https://idp.example`);
    const token = await new SignJWT({ 'custom:customer_id': 'C7' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('svc')
      .setIssuer('https://idp.example')
      .setExpirationTime(NOW / 1000 + 600)
      .sign(rsa.privateKey);
    const ok = await whoami(`Bearer ${token}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().customerId).toBe('C7');
    const wrongIssuer = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('svc').setIssuer('https://evil.example').setExpirationTime(NOW / 1000 + 600).sign(rsa.privateKey);
    expect((await whoami(`Bearer ${wrongIssuer}`)).statusCode).toBe(401);
  });

  it('accepts a partner-signed request inside the 5-minute window and refuses it outside', async () => {
    await start(`    secret: ${HS_SECRET}`);
    const at = (offsetSec: number) => new Date(NOW + offsetSec * 1000).toISOString();
    const ok = await whoami(signPartnerRequest('ITSM01', PARTNER_SECRET, at(-299)));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ keyId: 'partner:ITSM01', tenant: 'itsm', plan: 'default', scheme: 'signed', customerId: 'C100' });
    const old = await whoami(signPartnerRequest('ITSM01', PARTNER_SECRET, at(-301)));
    expect(old.statusCode).toBe(401);
    expect(old.json().error.message).toContain('301 s old');
    const future = await whoami(signPartnerRequest('ITSM01', PARTNER_SECRET, at(400)));
    expect(future.json().error.message).toContain('in the future');
  });

  it('refuses forged signatures and unknown partners alike', async () => {
    await start(`    secret: ${HS_SECRET}`);
    const ts = new Date(NOW).toISOString();
    const forged = await whoami(signPartnerRequest('ITSM01', 'not-the-secret-000000', ts));
    const unknown = await whoami(signPartnerRequest('NOBODY', PARTNER_SECRET, ts));
    expect(forged.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(forged.json().error.message).toBe(unknown.json().error.message);
  });
});
