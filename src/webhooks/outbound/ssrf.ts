import { promises as dns } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { RetryableError, ValidationError } from '../../kernel/index.ts';

/**
 * SSRF guard for outbound webhooks: an endpoint may only be http(s) and may
 * only resolve to public unicast addresses, unless an operator allow-lists it.
 * `checkEndpoint` decides; `pinnedLookup` / `createPinnedAgent` make the
 * connection use exactly the addresses that were checked (no second DNS
 * answer, so DNS rebinding cannot swap in 127.0.0.1 after the check).
 */

export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unique-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'ipv4-mapped-private';

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Lookup = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export interface CheckEndpointOptions {
  /** CIDRs (`10.0.0.0/8`, `fd00::/8`), single addresses, host names, or `*.suffix` host patterns. */
  allow?: readonly string[];
  /** Resolves a host name to all its addresses. Default: `dns.promises.lookup(host, { all: true })`. */
  lookup?: Lookup;
}

export interface CheckedEndpoint {
  url: URL;
  /** Lower-case host name without brackets or trailing dot; what a pinned lookup answers for. */
  hostname: string;
  /** Every address the host resolved to, each allowed; connect only to these. */
  addresses: ResolvedAddress[];
}

// ---- addresses ---------------------------------------------------------------

function parseIPv4(text: string): number[] | undefined {
  if (isIP(text) !== 4) return undefined;
  return text.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (zone id ignored, dotted IPv4 tail allowed). */
function parseIPv6(text: string): number[] | undefined {
  let s = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  if (!isIPv6(s)) return undefined;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail = parseIPv4(s.slice(lastColon + 1)) ?? [];
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = s.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : new Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  const bytes = [...headGroups, ...zeros, ...restGroups].flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function parseAddress(text: string): number[] | undefined {
  return parseIPv4(text) ?? parseIPv6(text);
}

interface Cidr {
  bytes: number[];
  prefix: number;
}

function parseCidr(text: string): Cidr | undefined {
  const [addr = '', bits] = text.split('/');
  const bytes = parseAddress(addr);
  if (bytes === undefined) return undefined;
  const prefix = bits === undefined ? bytes.length * 8 : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  return Number.isInteger(prefix) && prefix <= bytes.length * 8 ? { bytes, prefix } : undefined;
}

function inCidr(bytes: number[], cidr: Cidr): boolean {
  if (bytes.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const take = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((cidr.bytes[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const table = (rows: Array<[string, AddressClass]>) => rows.map(([c, cls]) => [parseCidr(c) as Cidr, cls] as const);

// IANA special-purpose registries (RFC 6890 and successors), most specific first.
const IPV4_CLASSES = table([
  ['255.255.255.255/32', 'broadcast'],
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
]);

const IPV6_CLASSES = table([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'private'],
  ['100::/64', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
]);

// IPv6 forms that carry an IPv4 address the packet may end up at: [prefix, offset of the 4 IPv4 bytes].
const IPV4_CARRIERS = [
  [parseCidr('::ffff:0:0/96') as Cidr, 12],
  [parseCidr('::/96') as Cidr, 12],
  [parseCidr('64:ff9b::/96') as Cidr, 12],
  [parseCidr('2002::/16') as Cidr, 2],
] as const;

function classifyV4(bytes: number[]): AddressClass {
  return IPV4_CLASSES.find(([cidr]) => inCidr(bytes, cidr))?.[1] ?? 'public';
}

function classifyBytes(bytes: number[]): AddressClass {
  if (bytes.length === 4) return classifyV4(bytes);
  const direct = IPV6_CLASSES.find(([cidr]) => inCidr(bytes, cidr))?.[1];
  if (direct !== undefined) return direct;
  for (const [cidr, offset] of IPV4_CARRIERS) {
    if (inCidr(bytes, cidr) && classifyV4(bytes.slice(offset, offset + 4)) !== 'public') return 'ipv4-mapped-private';
  }
  return 'public';
}

/** The class of an IP address; `undefined` when `address` is not an IP address. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bytes = parseAddress(address);
  return bytes === undefined ? undefined : classifyBytes(bytes);
}

// ---- allow list --------------------------------------------------------------

interface AllowList {
  cidrs: Cidr[];
  hosts: Set<string>;
  suffixes: string[];
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/;

function normaliseHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

function compileAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { cidrs: [], hosts: new Set(), suffixes: [] };
  for (const raw of entries) {
    const entry = normaliseHost(raw.trim());
    const cidr = parseCidr(entry);
    if (cidr !== undefined) list.cidrs.push(cidr);
    else if (entry.startsWith('*.') && HOST_NAME.test(entry.slice(2))) list.suffixes.push(entry.slice(1));
    else if (HOST_NAME.test(entry)) list.hosts.add(entry);
    else throw new ValidationError('WEBHOOK_ENDPOINT_ALLOWLIST_INVALID', `allow-list entry ${JSON.stringify(raw)} is not a CIDR, an IP address or a host name`);
  }
  return list;
}

function hostAllowed(list: AllowList, host: string): boolean {
  return list.hosts.has(host) || list.suffixes.some((suffix) => host.endsWith(suffix));
}

// ---- the check ---------------------------------------------------------------

const defaultLookup: Lookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

function refuse(origin: string, message: string, details: Record<string, unknown>): ValidationError {
  return new ValidationError('WEBHOOK_ENDPOINT_REFUSED', `endpoint ${origin} refused: ${message}`, { details: { origin, ...details } });
}

async function resolve(hostname: string, lookup: Lookup, origin: string): Promise<ResolvedAddress[]> {
  if (isIP(hostname) !== 0) return [{ address: hostname, family: isIP(hostname) as 4 | 6 }];
  let found: ReadonlyArray<{ address: string; family: number }>;
  try {
    found = await lookup(hostname);
  } catch (cause) {
    throw new RetryableError(`endpoint ${origin}: host name ${hostname} could not be resolved`, { code: 'WEBHOOK_ENDPOINT_UNRESOLVED', cause });
  }
  if (found.length === 0) throw new RetryableError(`endpoint ${origin}: host name ${hostname} has no addresses`, { code: 'WEBHOOK_ENDPOINT_UNRESOLVED' });
  return found.map((a) => ({ address: a.address, family: isIP(a.address) === 6 ? 6 : 4 }));
}

/**
 * Refuses (ValidationError `WEBHOOK_ENDPOINT_REFUSED`, naming the address
 * class) a URL that is not http(s) or whose host resolves to any non-public
 * address, unless the host or the address is allow-listed. Every resolved
 * address must pass: the connection may go to any of them. IP literals,
 * including the odd forms URL parsing normalises (`http://2130706433/`,
 * `http://[::ffff:127.0.0.1]/`), are checked without a lookup.
 * Resolution failures are retryable (`WEBHOOK_ENDPOINT_UNRESOLVED`).
 */
export async function checkEndpoint(url: string | URL, options: CheckEndpointOptions = {}): Promise<CheckedEndpoint> {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw refuse('(unparseable)', 'not a valid URL', { reason: 'invalid_url' });
  }
  // Origin only: a path or query may carry a token, and userinfo a password.
  const origin = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : `${parsed.protocol}//…`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw refuse(origin, `scheme ${parsed.protocol} is not allowed; use http: or https:`, { reason: 'scheme' });
  }
  const allow = compileAllowList(options.allow ?? []);
  const hostname = normaliseHost(parsed.hostname);
  const addresses = await resolve(hostname, options.lookup ?? defaultLookup, origin);
  if (hostAllowed(allow, hostname)) return { url: parsed, hostname, addresses };
  for (const { address } of addresses) {
    const bytes = parseAddress(address);
    const addressClass = bytes === undefined ? 'reserved' : classifyBytes(bytes);
    if (addressClass === 'public' || (bytes !== undefined && allow.cidrs.some((c) => inCidr(bytes, c)))) continue;
    const via = address === hostname ? '' : ` resolves to ${address}, which`;
    throw refuse(origin, `host ${hostname}${via} is a ${addressClass} address; add it to the allow list to permit it`, {
      reason: 'address',
      address,
      addressClass,
    });
  }
  return { url: parsed, hostname, addresses };
}

// ---- pinning -----------------------------------------------------------------

/**
 * A `lookup` for `net.connect` / `tls.connect` (and so for undici's
 * `connect.lookup`) that answers only for the checked host, and only with its
 * checked addresses. TLS still verifies the certificate against the host name,
 * because the URL is unchanged. Any other host name fails with ENOTFOUND, so a
 * redirect to another host cannot slip through: deliver with redirects off.
 */
export function pinnedLookup(endpoint: CheckedEndpoint): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const candidates = endpoint.addresses.filter((a) => family === undefined || family === 0 || a.family === family);
    if (normaliseHost(hostname) !== endpoint.hostname || candidates.length === 0) {
      const error = Object.assign(new Error(`pinned lookup has no address for ${hostname}`), { code: 'ENOTFOUND', hostname });
      callback(error, '', 0);
      return;
    }
    if (options.all === true) callback(null, candidates.map((a): LookupAddress => ({ address: a.address, family: a.family })));
    else callback(null, candidates[0]!.address, candidates[0]!.family);
  };
}

/**
 * An undici dispatcher that connects only to the checked addresses. Use one per
 * delivery attempt and close it afterwards:
 * `await request(checked.url, { dispatcher: agent, method: 'POST', … }); await agent.close();`
 */
export function createPinnedAgent(endpoint: CheckedEndpoint, options: Omit<Agent.Options, 'connect'> = {}): Agent {
  return new Agent({ ...options, connect: { lookup: pinnedLookup(endpoint) } });
}
