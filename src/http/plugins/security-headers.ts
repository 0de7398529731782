import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { SecurityHeadersConfig } from '../../config/index.ts';

/**
 * The Content-Security-Policy of HTML pages: everything from this origin and
 * nothing inline but styles (Swagger-style renderers set style attributes; a
 * style cannot run code), no plugins, no framing, forms and <base> to this
 * origin only. A page must load its scripts from files.
 */
export const DEFAULT_CSP: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

/**
 * `server.securityHeaders`, by what a response is rather than by route: an
 * HTML page (/docs, and whatever page a route or plugin serves) gets helmet's
 * headers — CSP, X-Frame-Options, Referrer-Policy, Cross-Origin-Opener/
 * Resource-Policy, X-Content-Type-Options and the rest — and every response
 * gets `nosniff` (and HSTS, when configured: it is a host-wide setting). The
 * helmet middleware is built once; @fastify/helmet applies it per route on
 * every request (rebuilding it each time), which cannot tell a page from JSON.
 * A route that sets its own Content-Security-Policy keeps it (reply headers
 * are written over helmet's, which go on the raw response).
 */
export function registerSecurityHeaders(app: FastifyInstance, config: SecurityHeadersConfig): void {
  if (!config.enabled) return;
  const hsts = config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: config.hstsIncludeSubDomains } : undefined;
  const hstsHeader = hsts ? `max-age=${hsts.maxAge}${hsts.includeSubDomains ? '; includeSubDomains' : ''}` : undefined;
  const pageHeaders = helmet(helmetOptions(config, hsts));

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (hstsHeader) reply.header('strict-transport-security', hstsHeader);
    if (isHtml(reply.getHeader('content-type'))) pageHeaders(request.raw, reply.raw, () => undefined);
    done(null, payload);
  });
}

export function helmetOptions(config: SecurityHeadersConfig, hsts: { maxAge: number; includeSubDomains: boolean } | undefined): HelmetOptions {
  const directives: Record<string, string[]> = {};
  for (const [name, sources] of Object.entries({ ...DEFAULT_CSP, ...config.contentSecurityPolicy })) {
    if (sources.length > 0) directives[name] = [...sources];
  }
  // Only a site served over HTTPS (which is when HSTS is set) can ask for its subresources over HTTPS.
  if (hsts) directives['upgrade-insecure-requests'] = [];
  const ancestors = directives['frame-ancestors'] ?? [];
  const frame = ancestors.length === 1 && ancestors[0] === "'none'" ? 'deny' : ancestors.length === 1 && ancestors[0] === "'self'" ? 'sameorigin' : undefined;
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: config.referrerPolicy as NonNullable<HelmetOptions['referrerPolicy'] & object>['policy'] },
    strictTransportSecurity: hsts ?? false,
    // Older browsers read X-Frame-Options only; it can say none or same-origin, so other frame-ancestors lists go without it.
    xFrameOptions: frame ? { action: frame } : false,
    crossOriginEmbedderPolicy: false,
  };
}

function isHtml(contentType: unknown): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return typeof value === 'string' && /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(value);
}
