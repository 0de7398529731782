import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeServer } from './edge-server.ts';

// Security headers (issue 11): helmet's set on HTML pages, nosniff on everything, HSTS only
// when configured. docs-browser.test.ts loads the real /docs in Chromium under this policy.

const DEFAULT_CSP =
  "default-src 'self';base-uri 'self';object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self' data:;connect-src 'self';form-action 'self';frame-ancestors 'none'";
const PAGE_ONLY = ['content-security-policy', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy'];

describe('security headers', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('put the page set on HTML pages: /docs and any other', async () => {
    app = await edgeServer('');
    for (const url of ['/docs', '/v1/page']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers, url).toMatchObject({
        'content-security-policy': DEFAULT_CSP,
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const head = await app.inject({ method: 'HEAD', url: '/docs' });
    expect(head.headers['content-security-policy']).toBe(DEFAULT_CSP);
  });

  it('give JSON answers, errors included, nosniff and not the page set', async () => {
    app = await edgeServer('');
    for (const url of ['/healthz', '/openapi.json', '/v1/ping', '/no/such/route']) {
      const res = await app.inject(url);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      for (const header of PAGE_ONLY) expect(res.headers[header], `${url} ${header}`).toBeUndefined();
    }
  });

  it('keeps inline script out of /docs, so the page works under script-src self', async () => {
    app = await edgeServer('');
    const html = (await app.inject('/docs')).body;
    // Inline <script> (no src) and on* handler attributes are what the policy blocks.
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
  });

  it('send HSTS on every answer when configured, and ask pages for HTTPS subresources then', async () => {
    app = await edgeServer('server:\n  securityHeaders:\n    hstsMaxAgeSeconds: 31536000\n    hstsIncludeSubDomains: true\n');
    for (const url of ['/docs', '/healthz', '/no/such/route']) {
      expect((await app.inject(url)).headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
    expect((await app.inject('/docs')).headers['content-security-policy']).toBe(`${DEFAULT_CSP};upgrade-insecure-requests`);
  });

  it('take CSP directives and the referrer policy from the configuration', async () => {
    const yaml = `server:\n  securityHeaders:\n    referrerPolicy: same-origin\n    contentSecurityPolicy:\n      img-src: ["'self'", https://cdn.example.com]\n      frame-ancestors: ["'self'"]\n      connect-src: []\n`;
    app = await edgeServer(yaml);
    const res = await app.inject('/docs');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' https://cdn.example.com");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('connect-src');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    await app.close();
    // Framing by other sites: only CSP can say that; X-Frame-Options is left out rather than contradict it.
    app = await edgeServer(`server:\n  securityHeaders:\n    contentSecurityPolicy:\n      frame-ancestors: [https://portal.example.com]\n`);
    const framed = await app.inject('/docs');
    expect(framed.headers['content-security-policy']).toContain('frame-ancestors https://portal.example.com');
    expect(framed.headers['x-frame-options']).toBeUndefined();
  });

  it("leave a route's own Content-Security-Policy alone", async () => {
    app = await edgeServer('');
    const res = await app.inject('/v1/own-csp');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('are all off with enabled: false', async () => {
    app = await edgeServer('server:\n  securityHeaders:\n    enabled: false\n    hstsMaxAgeSeconds: 600\n');
    for (const url of ['/docs', '/healthz']) {
      const res = await app.inject(url);
      for (const header of [...PAGE_ONLY, 'x-content-type-options', 'strict-transport-security']) expect(res.headers[header], `${url} ${header}`).toBeUndefined();
    }
  });
});
