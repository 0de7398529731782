import type { FastifyRequest } from 'fastify';
import type { RouteGroup } from '../../config/index.ts';

/**
 * Which route group a path belongs to, for the per-group CORS policies and IP
 * rules. Most specific first; a prefix matches itself and what is below it
 * (`/admin` and `/admin/keys`, never `/administrator`). A route no entry
 * covers has no group (only the global settings apply); a test checks every
 * registered route has one.
 */
const GROUP_PREFIXES: ReadonlyArray<readonly [prefix: string, group: RouteGroup]> = [
  ['/healthz', 'ops'],
  ['/readyz', 'ops'],
  ['/metrics', 'ops'],
  ['/openapi.json', 'docs'],
  ['/docs', 'docs'],
  ['/admin', 'admin'],
  ['/webhooks', 'webhooks'],
  ['/v1/events', 'events'],
  ['/v1', 'fm'],
  ['/support', 'apps'],
  ['/manga', 'apps'],
];

export function routeGroupOf(path: string): RouteGroup | undefined {
  // POST / is the AWS front door (EventBridge and SQS, by X-Amz-Target).
  if (path === '/') return 'aws';
  for (const [prefix, group] of GROUP_PREFIXES) {
    if (path === prefix || (path.startsWith(prefix) && path[prefix.length] === '/')) return group;
  }
  return undefined;
}

/**
 * The group of a request: by its route's pattern when it matched one (the
 * router has already decoded the path), else by its own decoded path — a
 * preflight (the `OPTIONS *` route) or a 404.
 */
export function requestRouteGroup(request: FastifyRequest): RouteGroup | undefined {
  const pattern = request.routeOptions.url;
  if (pattern !== undefined && pattern !== '*') return routeGroupOf(pattern);
  const raw = request.url;
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  try {
    return routeGroupOf(decodeURI(path));
  } catch {
    return routeGroupOf(path);
  }
}
