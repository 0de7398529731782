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
      pending = chooseScheme(schemes, request).authenticate(request);
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
 * The first scheme that accepts the request. None: AUTH_INVALID when a
 * credential was sent that no scheme takes (a Bearer token that is not a
 * Hashi key nor an accepted JWT, another Authorization scheme), else
 * AUTH_REQUIRED. The WebSocket route calls this after its upgrade.
 */
export function chooseScheme(schemes: readonly AuthScheme[], request: FastifyRequest): AuthScheme {
  for (const scheme of schemes) if (scheme.accepts(request)) return scheme;
  const headers = { 'www-authenticate': 'Bearer' };
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.trim() !== '') {
    const kind = /^bearer\s/i.test(authorization.trim()) ? 'the Bearer token is not a Hashi API key (hsk_…)' : 'the Authorization header is not `Bearer <key>`';
    throw new AuthError('AUTH_INVALID', `${kind}${schemes.some((s) => s.name === 'jwt') ? ' nor an accepted JWT' : ''}: send an API key as \`Authorization: Bearer <key>\` or \`x-api-key\``, { headers });
  }
  throw new AuthError('AUTH_REQUIRED', 'authentication required: send an API key as `Authorization: Bearer <key>`, `x-api-key` or `?api_key=`', { headers });
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
