import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryCounter } from '../../cache/index.ts';
import { FakeClock } from '../../kernel/index.ts';
import type { AuthScheme } from '../types.ts';
import { registerAuth } from './auth.ts';
import { registerErrorHandlers } from './errors.ts';
import { registerPlans } from './plans.ts';

// The caller named in `x-test-key` is authenticated on plan `x-test-plan`.
const headerScheme: AuthScheme = {
  name: 'test',
  accepts: (request) => typeof request.headers['x-test-key'] === 'string',
  authenticate: async (request) => ({ scheme: 'test', keyId: String(request.headers['x-test-key']), tenant: 't', plan: String(request.headers['x-test-plan'] ?? 'default'), admin: false }),
};

describe('usage plans at the edge', () => {
  let app: FastifyInstance;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2026, 10, 22, 23, 59, 0));
    app = Fastify();
    registerErrorHandlers(app);
    registerAuth(app, { adminKey: 'adm', schemes: [headerScheme] });
    registerPlans(app, { default: { rps: 1, burst: 1, dailyQuota: 0 }, quota: { rps: 100, burst: 100, dailyQuota: 1 } }, new MemoryCounter(clock), clock);
    app.get('/limited', { config: { auth: 'key' } }, async () => ({ ok: true }));
    app.get('/unmetered', { config: { auth: 'key', rateLimit: false } }, async () => ({ ok: true }));
    app.get('/admin', { config: { auth: 'admin' } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
  });
  const get = (url: string, headers: Record<string, string>) => app.inject({ url, headers });

  it('answers with the rate headers, and a 429 with the same headers and Retry-After', async () => {
    const ok = await get('/limited', { 'x-test-key': 'k1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-ratelimit-limit']).toBe('1');
    expect(ok.headers['x-ratelimit-remaining']).toBe('0');
    expect(ok.headers['x-quota-remaining']).toBeUndefined();
    const refused = await get('/limited', { 'x-test-key': 'k1' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.headers).toMatchObject({ 'retry-after': '1', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0' });
  });

  it('answers QUOTA_EXCEEDED with x-quota-remaining 0 and Retry-After until midnight UTC', async () => {
    const headers = { 'x-test-key': 'q', 'x-test-plan': 'quota' };
    expect((await get('/limited', headers)).headers['x-quota-remaining']).toBe('0');
    const refused = await get('/limited', headers);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('QUOTA_EXCEEDED');
    expect(refused.headers).toMatchObject({ 'retry-after': '60', 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '98', 'x-quota-remaining': '0' });
  });

  it('leaves routes with rateLimit: false and the admin key unmetered', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await get('/unmetered', { 'x-test-key': 'k2' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    for (let i = 0; i < 3; i++) expect((await get('/admin', { 'x-admin-key': 'adm' })).statusCode).toBe(200);
  });
});
