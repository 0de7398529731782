import type { FastifyRequest } from 'fastify';
import type { Cache } from '../cache/index.ts';
import { AuthError } from '../kernel/index.ts';
import { looksLikeKey, parseKey } from './format.ts';
import { digestMatches, type ApiKeyRecord, type KeyRepository } from './repository.ts';

/** What the HTTP auth plugin needs from a scheme (structural, declared by the consumer). */
export interface Principal {
  scheme: string;
  keyId: string;
  tenant: string;
  customerId?: string;
  plan: string;
  admin: boolean;
}

/**
 * API keys in `x-api-key` or `Authorization: Bearer hsk_…`. Key rows (id,
 * digest, tenant, plan — never the key) are cached for `cacheTtlMs`; revoking
 * through the server clears the entry at once (in Redis: for every replica),
 * a revocation made elsewhere takes effect within the TTL.
 */
export function apiKeyScheme(repo: KeyRepository, cache: Cache, cacheTtlMs: number) {
  const presented = (request: FastifyRequest): string | undefined => {
    const header = request.headers['x-api-key'];
    if (typeof header === 'string' && header) return header;
    const auth = request.headers.authorization;
    if (typeof auth === 'string') {
      const token = /^Bearer\s+(\S+)$/i.exec(auth.trim())?.[1];
      if (token && looksLikeKey(token)) return token;
    }
    return undefined;
  };
  return {
    name: 'key',
    /** Forget a cached key (after revocation). */
    invalidate: (id: string) => cache.delete(`auth:key:${id}`),
    accepts: (request: FastifyRequest) => presented(request) !== undefined,
    async authenticate(request: FastifyRequest): Promise<Principal> {
      const key = presented(request)!;
      const invalid = () => new AuthError('AUTH_INVALID', 'API key is not valid (unknown, malformed or revoked)');
      const parsed = parseKey(key);
      if (!parsed) throw invalid();
      const cacheKey = `auth:key:${parsed.id}`;
      const cached = await cache.get(cacheKey);
      let entry = cached ? (JSON.parse(cached) as { record: ApiKeyRecord; hash: string }) : undefined;
      if (!entry) {
        entry = await repo.findActive(parsed.id);
        if (!entry) throw invalid();
        await cache.set(cacheKey, JSON.stringify(entry), cacheTtlMs);
      }
      if (!digestMatches(entry.hash, key)) throw invalid();
      const record = entry.record;
      return {
        scheme: 'key',
        keyId: record.id,
        tenant: record.tenant,
        plan: record.plan,
        admin: false,
        ...(record.customerId ? { customerId: record.customerId } : {}),
      };
    },
  };
}
