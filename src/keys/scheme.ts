import type { FastifyRequest } from 'fastify';
import type { Cache } from '../cache/index.ts';
import { AuthError } from '../kernel/index.ts';
import { hashKey, looksLikeKey, parseKey, sameDigest } from './format.ts';
import type { ApiKeyRecord, KeyRepository } from './repository.ts';

/** What the HTTP auth plugin needs from a scheme (structural, declared by the consumer). */
export interface Principal {
  scheme: string;
  keyId: string;
  tenant: string;
  customerId?: string;
  plan: string;
  admin: boolean;
}

interface CachedKey {
  record: ApiKeyRecord;
  hash: string;
}

/** A cache entry as decoded the last time the cache returned exactly this text. */
interface DecodedKey {
  text: string;
  /** The stored digest, lowercase hex as `hashKey` writes it. */
  hash: string;
  record: ApiKeyRecord;
}

// Entries are decoded only for keys that exist, so this bounds memory, not correctness.
const MAX_DECODED = 10_000;

/**
 * API keys in `x-api-key` or `Authorization: Bearer hsk_…`. Key rows (id,
 * digest, tenant, plan — never the key) are cached for `cacheTtlMs`; revoking
 * through the server clears the entry at once (in Redis: for every replica),
 * a revocation made elsewhere takes effect within the TTL.
 *
 * The cache stays the source of truth: each request reads it, and only the
 * JSON decoding of an unchanged entry is reused. The presented key is hashed
 * on every request; plain keys are never kept.
 */
export function apiKeyScheme(repo: KeyRepository, cache: Cache, cacheTtlMs: number) {
  const decoded = new Map<string, DecodedKey>();

  const decode = (id: string, text: string): DecodedKey => {
    const last = decoded.get(id);
    if (last && last.text === text) return last;
    const entry = JSON.parse(text) as CachedKey;
    const fresh = { text, hash: entry.hash.toLowerCase(), record: entry.record };
    if (decoded.size >= MAX_DECODED) decoded.clear();
    decoded.set(id, fresh);
    return fresh;
  };

  // Only the cache miss goes through here; a hit is decoded inline in authenticate.
  const load = async (id: string, cacheKey: string): Promise<DecodedKey | undefined> => {
    const found = await repo.findActive(id);
    if (!found) {
      decoded.delete(id);
      return undefined;
    }
    const text = JSON.stringify(found);
    await cache.set(cacheKey, text, cacheTtlMs);
    return decode(id, text);
  };

  return {
    name: 'key',
    /** Forget a cached key (after revocation). */
    invalidate: (id: string) => {
      decoded.delete(id);
      return cache.delete(`auth:key:${id}`);
    },
    accepts: (request: FastifyRequest) => presentedKey(request) !== undefined,
    async authenticate(request: FastifyRequest): Promise<Principal> {
      const key = presentedKey(request)!;
      const parsed = parseKey(key);
      if (!parsed) throw invalidKey();
      const cacheKey = `auth:key:${parsed.id}`;
      const cached = await cache.get(cacheKey);
      const entry = cached ? decode(parsed.id, cached) : await load(parsed.id, cacheKey);
      if (!entry || !sameDigest(entry.hash, hashKey(key))) throw invalidKey();
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

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const token = /^Bearer\s+(\S+)$/i.exec(auth.trim())?.[1];
    if (token && looksLikeKey(token)) return token;
  }
  return undefined;
}

function invalidKey(): AuthError {
  return new AuthError('AUTH_INVALID', 'API key is not valid (unknown, malformed or revoked)');
}
