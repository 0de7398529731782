import { hashOf } from '../../kernel/index.ts';

/** Bump when the stored shape or the key recipe changes, so old entries are simply never read. */
export const CACHE_KEY_VERSION = 2;

/** Whose answers a key can return: one tenant's, or everyone's when the cache is explicitly shared. */
export function cacheScope(tenant: string, shared: boolean): string {
  return shared ? 'shared' : `tenant:${tenant}`;
}

/**
 * The exact-cache key: a hash of everything that can change the output, as
 * the exchange describes it — for a wire call the whole body with the
 * candidate's model (messages, tools, tool_choice, response_format, n,
 * sampling, stream flags…), the dialect and the provider; for a native call
 * the request and the provider model.
 */
export function cacheKeyOf(scope: string, material: unknown): string {
  return `fm:resp:${hashOf({ v: CACHE_KEY_VERSION, scope, material })}`;
}
