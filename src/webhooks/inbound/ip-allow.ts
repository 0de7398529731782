import { BlockList, isIP } from 'node:net';

/** Allow lists of inbound sources: CIDRs or single addresses, IPv4 and IPv6. */
export interface IpAllowList {
  allows(ip: string): boolean;
}

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:1.2.3.4` (a dual-stack socket's view of an IPv4 client) → `1.2.3.4`. */
export function normaliseIp(ip: string): string {
  const mapped = MAPPED_V4.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/**
 * Compiles `entries`; returns the entries it could not read instead of
 * throwing, so the caller can name the source in its error.
 */
export function compileIpAllowList(entries: readonly string[]): { list: IpAllowList; invalid: string[] } {
  const blocks = new BlockList();
  const invalid: string[] = [];
  for (const raw of entries) {
    const [address = '', bits] = raw.trim().split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (family === 0 || !(prefix >= 0 && prefix <= max)) {
      invalid.push(raw);
      continue;
    }
    blocks.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    invalid,
    list: {
      allows(ip: string): boolean {
        const address = normaliseIp(ip);
        const family = isIP(address);
        return family !== 0 && blocks.check(address, family === 6 ? 'ipv6' : 'ipv4');
      },
    },
  };
}
