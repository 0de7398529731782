import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import type { IPv4, IPv6 } from 'ipaddr.js';

// Loaded on first use: the kernel is imported by every CLI command, most of which never see an address.
let lib: typeof import('ipaddr.js') | undefined;
const ipaddr = (): typeof import('ipaddr.js') => (lib ??= createRequire(import.meta.url)('ipaddr.js') as typeof import('ipaddr.js'));

/**
 * The one IP matcher: webhook sources' `allowIps`, the edge's IP rules per
 * route group and per usage plan, and the check of `server.trustProxy` entries.
 * Matching is ipaddr.js (what Fastify's proxy-addr uses); what counts as an
 * address is Node's own strict test first (`net.isIPv4`/`isIPv6`: IPv4 only as
 * four decimal parts, so `127.1`, `0x7f.0.0.1` and `010.0.0.1` are refused, not
 * guessed at — and ipaddr.js's own validity checks throw internally, ~12 µs a
 * miss). IPv4-mapped IPv6 (`::ffff:10.1.2.3`, what a dual-stack socket reports
 * for an IPv4 client) is compared as the IPv4 address.
 */
export interface IpList {
  /** How many entries the list holds. */
  readonly size: number;
  /**
   * The entry (as written) that `ip` falls in, or undefined — also for a value
   * that is not an IP address, or none at all (a socket already closed has no
   * remote address).
   */
  find(ip: string | IpAddress | undefined): string | undefined;
  has(ip: string | IpAddress | undefined): boolean;
}

/** A parsed address (from `parseAddress`), to check one client against several lists without parsing it again. */
export type IpAddress = IPv4 | IPv6;
type Address = IpAddress;

interface Range {
  address: Address;
  bits: number;
  entry: string;
}

/** An address as a client or a proxy reports it, or undefined when it is not one. IPv4-mapped IPv6 becomes IPv4. */
export function parseAddress(text: string | undefined): Address | undefined {
  if (typeof text !== 'string') return undefined;
  const value = text.trim();
  if (isIPv4(value)) return ipaddr().IPv4.parse(value);
  if (!isIPv6(value)) return undefined;
  const v6 = ipaddr().IPv6.parse(value);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** One entry: an address (a /32 or /128) or a CIDR; an IPv4-mapped IPv6 range becomes the IPv4 range. */
function parseRange(entry: string): Range | undefined {
  const [text = '', bitsText, ...rest] = entry.trim().split('/');
  if (rest.length > 0) return undefined;
  const address = parseAddress(text);
  if (!address) return undefined;
  const mapped = address.kind() === 'ipv4' && !isIPv4(text.trim());
  const max = mapped ? 128 : address.kind() === 'ipv4' ? 32 : 128;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (bits > max || (mapped && bits < 96)) return undefined;
  return { address, bits: mapped ? bits - 96 : bits, entry };
}

/**
 * Compiles `entries` (CIDRs or single addresses); returns the entries it could
 * not read instead of throwing, so the caller can name the setting in its error.
 */
export function compileIpList(entries: readonly string[]): { list: IpList; invalid: string[] } {
  const ranges: Range[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else invalid.push(entry);
  }
  const find = (ip: string | IpAddress | undefined): string | undefined => {
    const address = typeof ip === 'object' ? ip : parseAddress(ip);
    if (!address) return undefined;
    const kind = address.kind();
    for (const range of ranges) {
      if (range.address.kind() === kind && address.match(range.address, range.bits)) return range.entry;
    }
    return undefined;
  };
  return { invalid, list: { size: ranges.length, find, has: (ip) => find(ip) !== undefined } };
}
