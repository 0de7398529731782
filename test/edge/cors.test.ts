import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../support/hashi.ts';
import { edgeServer } from './edge-server.ts';

// CORS (issue 11, edge features): an allowlist of origins, global and per route group,
// preflights answered, credentials only with an exact allowlisted origin, Vary: Origin.

const APP = 'https://app.example.com';
const CHAT = 'https://chat.example.com';
const EVIL = 'https://evil.example.com';

const preflight = (url: string, origin: string, method = 'POST') => ({
  method: 'OPTIONS' as const,
  url,
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type, x-stainless-os' },
});
const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('CORS', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is off by default: no CORS headers, and a preflight is refused saying how to turn it on', async () => {
    app = await edgeServer('');
    const res = await app.inject({ url: '/v1/ping', headers: { origin: APP, 'x-api-key': 'plan:default' } });
    expect(res.statusCode).toBe(200);
    expect(corsHeaders(res.headers)).toEqual([]);
    expect(res.headers.vary).toBeUndefined();
    const pre = await app.inject(preflight('/v1/ping', APP));
    expect(pre.statusCode).toBe(403);
    expect(corsHeaders(pre.headers)).toEqual([]);
    expect(pre.json().error).toMatchObject({
      code: 'CORS_ORIGIN_NOT_ALLOWED',
      message: `cross-origin requests to the fm routes are off: server.cors.origins is empty (preflight from ${APP})`,
      details: { origin: APP, rule: 'server.cors.origins' },
    });
  });

  it('answers a preflight from an allowlisted origin with that exact origin, and refuses any other', async () => {
    app = await edgeServer(`server:\n  cors:\n    origins: [${APP}]\n`);
    const ok = await app.inject(preflight('/v1/ping', APP));
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(APP);
    expect(ok.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    // No allowedHeaders configured: the ones the preflight asks for (and Vary says so).
    expect(ok.headers['access-control-allow-headers']).toBe('authorization, content-type, x-stainless-os');
    expect(ok.headers['access-control-max-age']).toBe('600');
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(ok.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Origin', 'Access-Control-Request-Headers']));

    // Not allowlisted — including look-alikes of an allowed origin and the opaque origin "null".
    for (const origin of [EVIL, 'https://app.example.com.evil.com', 'http://app.example.com', 'https://app.example.com:8443', 'null']) {
      const refused = await app.inject(preflight('/v1/ping', origin));
      expect(refused.statusCode, origin).toBe(403);
      expect(corsHeaders(refused.headers), origin).toEqual([]);
      expect(refused.json().error.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
      expect(refused.json().error.message).toBe(`origin ${origin} may not call the fm routes from a browser: it is not in server.cors.origins`);
    }
  });

  it('marks actual responses for allowlisted origins only, always with Vary: Origin', async () => {
    app = await edgeServer(`server:\n  cors:\n    origins: [${APP}]\n`);
    const allowed = await app.inject({ url: '/v1/ping', headers: { origin: APP, 'x-api-key': 'plan:default' } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['access-control-expose-headers']).toContain('x-ratelimit-remaining');
    expect(allowed.headers.vary).toBe('Origin');
    // A request that needs no preflight is still served (same-origin pages send Origin too); the browser withholds it.
    const other = await app.inject({ url: '/v1/ping', headers: { origin: EVIL, 'x-api-key': 'plan:default' } });
    expect(other.statusCode).toBe(200);
    expect(corsHeaders(other.headers)).toEqual([]);
    expect(other.headers.vary).toBe('Origin');
    // Errors carry the headers, so a page can read why it was refused.
    const unauthenticated = await app.inject({ url: '/v1/ping', headers: { origin: APP } });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['access-control-allow-origin']).toBe(APP);
  });

  it('sends credentials only beside an exact allowlisted origin', async () => {
    app = await edgeServer(`server:\n  cors:\n    origins: [${APP}]\n    credentials: true\n`);
    const pre = await app.inject(preflight('/v1/ping', APP));
    expect(pre.headers['access-control-allow-origin']).toBe(APP);
    expect(pre.headers['access-control-allow-credentials']).toBe('true');
    const actual = await app.inject({ url: '/v1/ping', headers: { origin: APP, 'x-api-key': 'plan:default' } });
    expect(actual.headers['access-control-allow-credentials']).toBe('true');
    const other = await app.inject({ url: '/v1/ping', headers: { origin: EVIL, 'x-api-key': 'plan:default' } });
    expect(other.headers['access-control-allow-credentials']).toBeUndefined();
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("allows '*' only without credentials, and then writes '*' and never credentials", async () => {
    expect(() => testConfig('server:\n  cors:\n    origins: ["*"]\n    credentials: true\n')).toThrow(
      "server.cors: credentials cannot be allowed to every origin ('*'): list the origins that may send credentials",
    );
    // Also when the credentials come from the global settings and the '*' from a group.
    expect(() => testConfig(`server:\n  cors:\n    origins: [${APP}]\n    credentials: true\n    groups:\n      docs: { origins: ["*"] }\n`)).toThrow('server.cors.groups.docs: credentials cannot be allowed');
    app = await edgeServer('server:\n  cors:\n    origins: ["*"]\n');
    const pre = await app.inject(preflight('/v1/ping', EVIL));
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('applies a route group policy in place of the global one', async () => {
    const yaml = `server:\n  cors:\n    origins: [${APP}]\n    groups:\n      fm: { origins: [${CHAT}], credentials: true, allowedHeaders: [authorization, content-type], maxAgeSeconds: 60 }\n      admin: { origins: [] }\n`;
    app = await edgeServer(yaml);
    const chatOnFm = await app.inject(preflight('/v1/ping', CHAT));
    expect(chatOnFm.statusCode).toBe(204);
    expect(chatOnFm.headers['access-control-allow-credentials']).toBe('true');
    expect(chatOnFm.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(chatOnFm.headers['access-control-max-age']).toBe('60');
    // The fm list replaces the global one there…
    const appOnFm = await app.inject(preflight('/v1/ping', APP));
    expect(appOnFm.statusCode).toBe(403);
    expect(appOnFm.json().error.message).toBe(`origin ${APP} may not call the fm routes from a browser: it is not in server.cors.groups.fm.origins`);
    // …/v1/events is its own group, on the global list…
    expect((await app.inject(preflight('/v1/events', APP))).statusCode).toBe(204);
    expect((await app.inject(preflight('/v1/events', CHAT))).statusCode).toBe(403);
    // …the apps keep the global one, without credentials…
    const appOnApps = await app.inject(preflight('/support/v1/ping', APP));
    expect(appOnApps.statusCode).toBe(204);
    expect(appOnApps.headers['access-control-allow-credentials']).toBeUndefined();
    // …and admin has none at all.
    const admin = await app.inject(preflight('/admin/ping', APP));
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.message).toBe(`cross-origin requests to the admin routes are off: server.cors.groups.admin.origins is empty (preflight from ${APP})`);
    const adminActual = await app.inject({ method: 'POST', url: '/admin/ping', headers: { origin: APP } });
    expect(corsHeaders(adminActual.headers)).toEqual([]);
  });

  it('classifies a preflight by the path it asks about, percent-encoded or not', async () => {
    app = await edgeServer(`server:\n  cors:\n    origins: [${APP}]\n    groups:\n      admin: { origins: [] }\n`);
    expect((await app.inject(preflight('/%61dmin/ping', APP))).statusCode).toBe(403);
    expect((await app.inject(preflight('/admin/ping?x=1', APP))).statusCode).toBe(403);
    expect((await app.inject(preflight('/administrator', APP))).statusCode).toBe(204);
  });

  it('leaves an OPTIONS that is no preflight to the 404 in the envelope', async () => {
    app = await edgeServer(`server:\n  cors:\n    origins: [${APP}]\n`);
    for (const headers of [{}, { origin: APP }, { 'access-control-request-method': 'POST' }]) {
      const res = await app.inject({ method: 'OPTIONS', url: '/v1/ping', headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('refuses origins a browser never sends, naming the setting', () => {
    for (const origin of ['https://app.example.com/', 'app.example.com', 'https://app.example.com/path', 'HTTPS://APP.example.com', 'null']) {
      expect(() => testConfig(`server:\n  cors:\n    origins: ["${origin}"]\n`), origin).toThrow(`server.cors.origins: "${origin}" is not an origin`);
    }
    expect(() => testConfig(`server:\n  cors:\n    origins: ["*", ${APP}]\n`)).toThrow("server.cors.origins: '*' allows every origin; list origins or '*' alone");
    expect(() => testConfig('server:\n  cors:\n    groups:\n      chat: { origins: [] }\n')).toThrow('server.cors.groups');
  });
});
