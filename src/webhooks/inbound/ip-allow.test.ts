import { describe, expect, it } from 'vitest';
import { compileIpAllowList, normaliseIp } from './ip-allow.ts';

describe('inbound IP allow lists', () => {
  it('matches IPv4 and IPv6 CIDRs and single addresses, including dual-stack forms of IPv4 clients', () => {
    const { list, invalid } = compileIpAllowList(['3.18.12.63', '10.0.0.0/8', '2001:db8::/32']);
    expect(invalid).toEqual([]);
    expect(['3.18.12.63', '10.255.0.1', '::ffff:10.1.2.3', '2001:db8::1'].map((ip) => list.allows(ip))).toEqual([true, true, true, true]);
    expect(['3.18.12.64', '11.0.0.1', '2001:db9::1', 'not-an-ip'].map((ip) => list.allows(ip))).toEqual([false, false, false, false]);
  });

  it('reports entries it cannot read instead of ignoring them', () => {
    expect(compileIpAllowList(['10.0.0.0/33', 'example.com', '1.2.3.4/x', '::1/129']).invalid).toEqual(['10.0.0.0/33', 'example.com', '1.2.3.4/x', '::1/129']);
  });

  it('normalises ::ffff:a.b.c.d only', () => {
    expect([normaliseIp('::ffff:1.2.3.4'), normaliseIp('::1'), normaliseIp('1.2.3.4')]).toEqual(['1.2.3.4', '::1', '1.2.3.4']);
  });
});
