import type { FastifyRequest } from 'fastify';
import type { Cache } from '../../cache/index.ts';
import { sha256Hex, type Clock } from '../../kernel/index.ts';
import type { AuthScheme, Principal } from '../types.ts';

/**
 * Caches a scheme's successful decisions for `ttlMs`, keyed by a digest of the
 * credential (never the credential), like API Gateway's authorizer cache.
 * A cached JWT is still refused once its `exp` passes: the entry's TTL is
 * capped by `expiresAt` when the principal carries one.
 */
export function cachedScheme(scheme: AuthScheme, cache: Cache, ttlMs: number, credential: (request: FastifyRequest) => string | undefined, clock: Clock): AuthScheme {
  if (ttlMs <= 0) return scheme;
  return {
    name: scheme.name,
    accepts: scheme.accepts,
    async authenticate(request) {
      const raw = credential(request);
      const key = raw ? `auth:${scheme.name}:${sha256Hex(raw)}` : undefined;
      if (key) {
        const hit = await cache.get(key);
        if (hit) return JSON.parse(hit) as Principal;
      }
      const principal = await scheme.authenticate(request);
      const ttl = principal.expiresAt === undefined ? ttlMs : Math.min(ttlMs, principal.expiresAt - clock.now());
      if (key && ttl > 0) await cache.set(key, JSON.stringify(principal), ttl);
      return principal;
    },
  };
}
