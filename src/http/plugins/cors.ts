import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROUTE_GROUPS, type CorsConfig, type CorsPolicyConfig, type RouteGroup } from '../../config/index.ts';
import { AuthError } from '../../kernel/index.ts';
import { requestRouteGroup } from '../edge/route-groups.ts';

/** One route group's policy (or the global one), resolved once. */
interface CorsPolicy {
  /** Where its origins are set, for messages: `server.cors` or `server.cors.groups.fm`. */
  path: string;
  /** No origins: CORS is off there. */
  off: boolean;
  anyOrigin: boolean;
  origins: ReadonlySet<string>;
  /** @fastify/cors options, less the origin. */
  options: FastifyCorsOptions;
}

const OFF: FastifyCorsOptions = { origin: false };

/**
 * `server.cors`, through @fastify/cors: an allowlist of origins, global and
 * per route group (a group's settings replace the global ones). Only an
 * allowlisted origin is ever written back (the exact origin, never `*` with
 * credentials, `Vary: Origin` always), so one cached answer cannot serve
 * another origin. A preflight from any other origin is 403
 * CORS_ORIGIN_NOT_ALLOWED saying which list to change, where @fastify/cors
 * would answer 204 without the allow headers. A request that needs no
 * preflight is served as usual; the browser withholds the answer. With no
 * origin anywhere, no CORS headers at all.
 */
export async function registerCors(app: FastifyInstance, config: CorsConfig): Promise<void> {
  const policies = resolvePolicies(config);
  if ([...policies.values()].every((policy) => policy.off)) {
    app.addHook('onRequest', (request, _reply, done) => done(isPreflight(request) ? refusal(request, policies.get(undefined)!) : undefined));
    return;
  }
  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) => {
      const policy = policies.get(requestRouteGroup(request))!;
      const origin = request.headers.origin;
      const preflight = isPreflight(request);
      // An OPTIONS that is no preflight falls through to the 404 (@fastify/cors would answer 400 text).
      if (origin === undefined || (request.method === 'OPTIONS' && !preflight)) return callback(null, OFF);
      if (policy.anyOrigin || policy.origins.has(origin)) return callback(null, { ...policy.options, origin: policy.anyOrigin ? '*' : origin });
      callback(preflight ? refusal(request, policy) : null, OFF);
    },
  });
}

function resolvePolicies(config: CorsConfig): Map<RouteGroup | undefined, CorsPolicy> {
  const { groups, ...global } = config;
  const policies = new Map<RouteGroup | undefined, CorsPolicy>([[undefined, resolve('server.cors', global)]]);
  for (const group of ROUTE_GROUPS) {
    const own = groups[group];
    const path = own?.origins !== undefined ? `server.cors.groups.${group}` : 'server.cors';
    policies.set(group, own ? resolve(path, { ...global, ...own }) : policies.get(undefined)!);
  }
  return policies;
}

function resolve(path: string, policy: CorsPolicyConfig): CorsPolicy {
  const origins = policy.origins ?? [];
  const anyOrigin = origins.includes('*');
  return {
    path,
    off: origins.length === 0,
    anyOrigin,
    origins: new Set(origins),
    options: {
      // The config loader refuses credentials with '*'; this keeps the rule if a caller built its own settings.
      credentials: !anyOrigin && policy.credentials === true,
      methods: policy.methods ?? ['GET', 'HEAD', 'POST'],
      allowedHeaders: policy.allowedHeaders?.length ? policy.allowedHeaders : null,
      exposedHeaders: policy.exposedHeaders?.length ? policy.exposedHeaders : null,
      maxAge: policy.maxAgeSeconds ?? null,
      strictPreflight: true,
    } as FastifyCorsOptions,
  };
}

function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

function refusal(request: FastifyRequest, policy: CorsPolicy): AuthError {
  const origin = String(request.headers.origin);
  const group = requestRouteGroup(request);
  const routes = group ? `the ${group} routes` : 'this path';
  const message = policy.off
    ? `cross-origin requests to ${routes} are off: ${policy.path}.origins is empty (preflight from ${origin})`
    : `origin ${origin} may not call ${routes} from a browser: it is not in ${policy.path}.origins`;
  return new AuthError('CORS_ORIGIN_NOT_ALLOWED', message, { status: 403, details: { origin, rule: `${policy.path}.origins` } });
}
