import { hashOf } from '../../kernel/index.ts';
import type { CompletionRequest } from '../types.ts';

/** Bump when the stored shape or the key recipe changes, so old entries are simply never read. */
export const CACHE_KEY_VERSION = 1;

/** Whose answers a key can return: one tenant's, or everyone's when the cache is explicitly shared. */
export function cacheScope(tenant: string, shared: boolean): string {
  return shared ? 'shared' : `tenant:${tenant}`;
}

/**
 * The exact-cache key: a hash of everything that can change the output —
 * provider, model id, system prompt, messages (images included), context,
 * max tokens, temperature, top-p, stop sequences, and any field a future
 * version of the request adds (tools…), because the whole request is hashed
 * minus its AbortSignal.
 */
export function cacheKeyOf(scope: string, provider: string, request: Omit<CompletionRequest, 'signal'> & { signal?: unknown }): string {
  const { signal: _signal, ...rest } = request;
  return `fm:resp:${hashOf({ v: CACHE_KEY_VERSION, scope, provider, request: rest })}`;
}
