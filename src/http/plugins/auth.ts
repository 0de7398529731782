import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthError } from '../../kernel/index.ts';
import type { AuthScheme, Principal } from '../types.ts';

export interface AuthSettings {
  adminKey: string;
  schemes: AuthScheme[];
}

/**
 * Resolves `request.principal` for routes whose config says `auth: 'key'`
 * (any scheme) or `auth: 'admin'` (the admin key only). Runs on onRequest, so a
 * bad credential is refused before the body is read.
 */
export function registerAuth(app: FastifyInstance, settings: AuthSettings): void {
  app.decorateRequest('principal', undefined);
  const adminDigest = settings.adminKey ? digest(settings.adminKey) : undefined;
  const { schemes } = settings;

  const chooseScheme = (request: FastifyRequest): AuthScheme => {
    for (const scheme of schemes) if (scheme.accepts(request)) return scheme;
    throw new AuthError('AUTH_REQUIRED', 'authentication required: send an API key as `Authorization: Bearer <key>` or `x-api-key`', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  };

  // Callback style with no async wrapper: the scheme's own promise is the only hop.
  app.addHook('onRequest', (request, _reply, done) => {
    const mode = request.routeOptions.config?.auth ?? 'none';
    if (mode === 'none') return done();
    let pending: Promise<Principal>;
    try {
      if (mode === 'admin') {
        request.principal = authenticateAdmin(request, adminDigest);
        return done();
      }
      if (request.routeOptions.config.queryKey) presentQueryKey(request);
      pending = chooseScheme(request).authenticate(request);
    } catch (err) {
      return done(err as Error);
    }
    pending.then((principal) => {
      request.principal = principal;
      done();
    }, done);
  });
}

/**
 * `?api_key=` is presented to the schemes as `x-api-key`, unless a credential
 * header was sent: for clients that cannot set headers (browser EventSource
 * and WebSocket). Used by `queryKey` routes and the WebSocket's own auth.
 */
export function presentQueryKey(request: FastifyRequest): FastifyRequest {
  const key = (request.query as { api_key?: unknown } | undefined)?.api_key;
  if (typeof key === 'string' && key && !request.headers.authorization && !request.headers['x-api-key']) request.headers['x-api-key'] = key;
  return request;
}

function authenticateAdmin(request: FastifyRequest, adminDigest: Buffer | undefined): Principal {
  if (!adminDigest) throw new AuthError('ADMIN_DISABLED', 'admin endpoints are disabled: set admin.key in the configuration', { status: 403 });
  const presented = presentedAdminKey(request);
  if (!presented) throw new AuthError('AUTH_REQUIRED', 'admin key required in `x-admin-key` or `Authorization: Bearer`');
  if (!timingSafeEqual(digest(presented), adminDigest)) throw new AuthError('AUTH_INVALID', 'admin key is not valid');
  return { scheme: 'admin', keyId: 'admin', tenant: 'admin', plan: 'admin', admin: true };
}

function presentedAdminKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-admin-key'];
  if (typeof header === 'string' && header) return header;
  return bearerToken(request);
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
  return match?.[1]?.trim() || undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
