import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { ADMIN_KEY, createKey, testHashi } from '../support/hashi.ts';

type TestHashi = Awaited<ReturnType<typeof testHashi>>;

describe('HTTP edge', () => {
  let hashi: TestHashi;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({
      clock,
      yaml: 'plans:\n  default: { rps: 100, burst: 100, dailyQuota: 0 }\n  tiny: { rps: 1, burst: 2, dailyQuota: 0 }\n  quota: { rps: 100, burst: 100, dailyQuota: 3 }\nserver:\n  bodyLimitBytes: 2048\n',
    });
  });
  afterEach(async () => {
    await hashi.close();
  });
  const app = () => hashi.app!;

  it('answers health and readiness', async () => {
    expect((await app().inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app().inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', cache: 'ok' } });
  });

  it('makes a request id, echoes it, and keeps a sane one from the caller', async () => {
    const made = await app().inject('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^req_[0-9a-f]{12}[0-9a-z]{6,}$/);
    const kept = await app().inject({ url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await app().inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers unknown routes with 404 in the envelope', async () => {
    const res = await app().inject({ method: 'DELETE', url: '/no/such/thing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'no route for DELETE /no/such/thing', requestId: res.headers['x-request-id'] } });
  });

  it('refuses malformed JSON with 400 and oversized bodies with 413', async () => {
    const headers = { 'x-admin-key': ADMIN_KEY, 'content-type': 'application/json' };
    const bad = await app().inject({ method: 'POST', url: '/admin/keys', headers, payload: '{"tenant": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
    const huge = await app().inject({ method: 'POST', url: '/admin/keys', headers, payload: JSON.stringify({ tenant: 'x'.repeat(5000) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists every schema violation, not just the first', async () => {
    const res = await app().inject({ method: 'POST', url: '/admin/keys', headers: { 'x-admin-key': ADMIN_KEY }, payload: { plan: 7, extra: true } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const paths = body.error.details.map((d: { path: string; keyword: string }) => `${d.keyword}:${d.path}`).sort();
    expect(paths).toEqual(['additionalProperties:extra', 'required:tenant']);
  });

  it('protects admin routes with the admin key', async () => {
    expect((await app().inject('/admin/keys')).statusCode).toBe(401);
    const wrong = await app().inject({ url: '/admin/keys', headers: { 'x-admin-key': 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('AUTH_INVALID');
    expect((await app().inject({ url: '/admin/keys', headers: { authorization: `Bearer ${ADMIN_KEY}` } })).statusCode).toBe(200);
  });

  it('creates a key once, lists it without the secret, and refuses it after revocation', async () => {
    const created = await app().inject({ method: 'POST', url: '/admin/keys', headers: { 'x-admin-key': ADMIN_KEY }, payload: { tenant: 'acme', plan: 'default' } });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    expect(key).toMatch(/^hsk_/);
    const listed = await app().inject({ url: '/admin/keys', headers: { 'x-admin-key': ADMIN_KEY } });
    expect(JSON.stringify(listed.json())).not.toContain(key);
    expect(listed.json().keys.map((k: { id: string }) => k.id)).toEqual([id]);

    const ok = await app().inject({ url: '/admin/dlq', headers: { 'x-admin-key': ADMIN_KEY } });
    expect(ok.statusCode).toBe(200);

    const revoke = await app().inject({ method: 'DELETE', url: `/admin/keys/${id}`, headers: { 'x-admin-key': ADMIN_KEY } });
    expect(revoke.json().revokedAt).not.toBeNull();
    const missing = await app().inject({ method: 'DELETE', url: '/admin/keys/0000000000000000', headers: { 'x-admin-key': ADMIN_KEY } });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an unknown plan when creating a key', async () => {
    const res = await app().inject({ method: 'POST', url: '/admin/keys', headers: { 'x-admin-key': ADMIN_KEY }, payload: { tenant: 'acme', plan: 'gold' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('plan "gold" is not configured');
  });

  it('serves an OpenAPI 3.1 document and a docs page', async () => {
    const doc = (await app().inject('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/admin/keys', '/admin/dlq/redrive']));
    expect(doc.paths['/admin/keys'].post.security).toEqual([{ adminKey: [] }]);
    const page = await app().inject('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // Swagger UI from node_modules: every script is a same-origin file (no CDN, nothing inline for a CSP to forbid).
    const scripts = [...page.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/src="\/docs\/static\/[\w.-]+\.js"/);
    expect(page.body).not.toMatch(/https?:\/\//);
    const bundle = await app().inject('/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect((await app().inject('/docs/json')).json().paths['/admin/keys']).toBeDefined();
  });

  it('exports Prometheus metrics including queue depth per job type', async () => {
    await hashi.queue.enqueue({ type: 'demo.job', payload: {} });
    await app().inject('/healthz');
    const text = (await app().inject('/metrics')).body;
    expect(text).toContain('hashi_http_requests_total{route="/healthz",method="GET",status="200"} 1');
    expect(text).toContain('hashi_queue_depth{type="demo.job"} 1');
    expect(text).toContain('hashi_http_request_duration_seconds_bucket');
  });

  it('keeps API keys out of the logs and responses', async () => {
    const key = await createKey(hashi);
    const res = await app().inject({ url: '/admin/keys', headers: { 'x-admin-key': ADMIN_KEY } });
    expect(res.body).not.toContain(key);
  });

  it('returns the request id in a 500 without leaking the error', async () => {
    const res = await app().inject({ url: '/admin/dlq?since=not-a-date', headers: { 'x-admin-key': ADMIN_KEY } });
    expect(res.statusCode).toBe(400);
  });
});
