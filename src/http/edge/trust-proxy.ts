import type { TrustProxyConfig } from '../../config/index.ts';

type TrustFunction = (address: string, hop: number) => boolean;

/**
 * `server.trustProxy` as Fastify's option. A list of proxy CIDRs (or
 * loopback/linklocal/uniquelocal) and the booleans go through as they are
 * (proxy-addr compiles them); a hop count becomes "trust the nearest N peers"
 * — proxy-addr's hop semantics, which Fastify 5.12 no longer applies to a
 * bare number (it now trusts nothing), so passing the number on would
 * silently ignore X-Forwarded-For.
 */
export function trustProxyOption(setting: TrustProxyConfig): boolean | string[] | TrustFunction {
  if (typeof setting !== 'number') return Array.isArray(setting) ? [...setting] : setting;
  if (setting === 0) return false;
  const hops = setting;
  return (_address, hop) => hop < hops;
}
