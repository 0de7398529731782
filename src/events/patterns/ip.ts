import { isIPv4, isIPv6 } from 'node:net';
import { patternError } from './errors.ts';
import type { IpAddress, IpRange } from './types.ts';

// event-ruler only treats strings of these shapes as IP literals.
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function v4ToBigInt(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(text: string): bigint {
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(zeros).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses an IP literal of the shapes event-ruler recognises; null when it is not one. */
export function parseIp(text: string): IpAddress | null {
  if (IPV4_SHAPE.test(text)) return isIPv4(text) ? { family: 4, value: v4ToBigInt(text) } : null;
  if (IPV6_SHAPE.test(text)) return isIPv6(text) ? { family: 6, value: v6ToBigInt(text) } : null;
  return null;
}

/** A stable key for an address, equal for every spelling of the same address. */
export function ipKey(ip: IpAddress): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

function parseMask(path: string, text: string): number {
  // Java's Integer.parseInt accepts an optional sign and decimal digits only.
  if (!/^[+-]?[0-9]+$/.test(text)) throw patternError(path, 'Malformed CIDR, mask bits must be an integer');
  const bits = Number(text);
  if (bits < 0) throw patternError(path, 'Malformed CIDR, mask bits must not be negative');
  return bits;
}

/** Parses a `cidr` operand with event-ruler's checks and messages. */
export function parseCidr(path: string, spec: unknown): IpRange {
  if (typeof spec !== 'string') throw patternError(path, 'prefix match pattern must be a string');
  // Java's String.split drops trailing empty parts, so "10.0.0.0/" has one part.
  const parts = spec.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) throw patternError(path, "Malformed CIDR, one '/' required");
  const [address = '', maskText = ''] = parts;
  const bits = parseMask(path, maskText);
  if (!IPV4_SHAPE.test(address) && !IPV6_SHAPE.test(address)) {
    throw patternError(path, `Nonstandard IP address: ${address}`);
  }
  const ip = parseIp(address);
  if (ip === null) throw patternError(path, `Invalid IP address: ${address}`);
  const width = ip.family === 4 ? 32 : 128;
  if (bits > width - 1) {
    throw patternError(path, ip.family === 4 ? 'IPv4 mask bits must be < 32' : 'IPv6 mask bits must be < 128');
  }
  // As event-ruler does since "Fixing CIDR matching to use floor of provided range" (#89): an
  // address with host bits set still means its whole network, 54.240.196.171/24 = 54.240.196.0-255.
  const hostBits = BigInt(width - bits);
  const hostMask = (1n << hostBits) - 1n;
  return { family: ip.family, low: ip.value & ~hostMask, high: ip.value | hostMask };
}

export function ipInRange(range: IpRange, ip: IpAddress): boolean {
  return ip.family === range.family && ip.value >= range.low && ip.value <= range.high;
}
