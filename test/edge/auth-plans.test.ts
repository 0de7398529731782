import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { createHashi } from '../../src/main.ts';
import { createLogger } from '../../src/observability/index.ts';
import { ADMIN_KEY, testConfig } from '../support/hashi.ts';

describe('API keys and usage plans', () => {
  let clock: FakeClock;
  let logs: string[];
  let hashi: Awaited<ReturnType<typeof createHashi>>;
  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2026, 10, 22, 23, 59, 0));
    logs = [];
    const destination = new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    const config = testConfig('plans:\n  default: { rps: 100, burst: 100, dailyQuota: 0 }\n  tiny: { rps: 1, burst: 2, dailyQuota: 0 }\n  quota: { rps: 100, burst: 100, dailyQuota: 3 }\n');
    hashi = await createHashi(config, { http: true, clock, logger: createLogger({ level: 'debug', destination }) });
  });
  afterEach(async () => {
    await hashi.stop();
  });
  const get = (headers: Record<string, string>) => hashi.app!.inject({ url: '/v1/whoami', headers });

  it('requires a credential and names how to send one', async () => {
    const res = await get({});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('calls a credential that is sent but is no Hashi key AUTH_INVALID, not AUTH_REQUIRED', async () => {
    for (const authorization of ['Bearer sk-not-a-hashi-key', 'Basic dXNlcjpwYXNz']) {
      const res = await get({ authorization });
      expect([res.statusCode, res.json().error.code], authorization).toEqual([401, 'AUTH_INVALID']);
      expect(res.json().error.message).toContain('x-api-key');
    }
  });

  it('accepts a key as Bearer or x-api-key and resolves tenant and plan', async () => {
    const { key, id } = await hashi.keys.create({ tenant: 'acme', plan: 'default' });
    for (const headers of [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }] as Record<string, string>[]) {
      const res = await get(headers);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ keyId: id, tenant: 'acme', plan: 'default', scheme: 'key' });
    }
  });

  it('refuses forged, malformed and revoked keys with 401', async () => {
    const { key, id } = await hashi.keys.create({ tenant: 'acme' });
    const forged = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect((await get({ 'x-api-key': forged })).statusCode).toBe(401);
    expect((await get({ 'x-api-key': 'hsk_garbage' })).statusCode).toBe(401);
    expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
    await hashi.app!.inject({ method: 'DELETE', url: `/admin/keys/${id}`, headers: { 'x-admin-key': ADMIN_KEY } });
    const revoked = await get({ 'x-api-key': key });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('AUTH_INVALID');
  });

  it('enforces the plan rate (burst, then 429 with Retry-After, then refill)', async () => {
    const { key } = await hashi.keys.create({ tenant: 'acme', plan: 'tiny' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get({ 'x-api-key': key })).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await get({ 'x-api-key': key });
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe('1');
    clock.tick(1000);
    expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
  });

  it('limits each key separately', async () => {
    const a = (await hashi.keys.create({ tenant: 'a', plan: 'tiny' })).key;
    const b = (await hashi.keys.create({ tenant: 'b', plan: 'tiny' })).key;
    await get({ 'x-api-key': a });
    await get({ 'x-api-key': a });
    expect((await get({ 'x-api-key': a })).statusCode).toBe(429);
    expect((await get({ 'x-api-key': b })).statusCode).toBe(200);
  });

  it('enforces the daily quota until the next UTC day', async () => {
    const { key } = await hashi.keys.create({ tenant: 'acme', plan: 'quota' });
    for (let i = 0; i < 3; i++) expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
    const refused = await get({ 'x-api-key': key });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('QUOTA_EXCEEDED');
    expect(refused.headers['retry-after']).toBe('60');
    clock.tick(60_000);
    expect((await get({ 'x-api-key': key })).statusCode).toBe(200);
  });

  it('never writes a key or admin key into the logs', async () => {
    const { key } = await hashi.keys.create({ tenant: 'acme' });
    await get({ 'x-api-key': key });
    await get({ authorization: `Bearer ${key}` });
    await hashi.app!.inject({ url: '/admin/keys', headers: { 'x-admin-key': ADMIN_KEY } });
    const text = logs.join('');
    expect(text).toContain('request completed');
    expect(text).not.toContain(key);
    expect(text).not.toContain(ADMIN_KEY);
  });
});
