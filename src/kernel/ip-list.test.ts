import { describe, expect, it } from 'vitest';
import { compileIpList, parseAddress } from './ip-list.ts';

describe('IP lists (the one matcher of webhook allowIps and the edge IP rules)', () => {
  it('matches IPv4 and IPv6 CIDRs and single addresses, including dual-stack forms of IPv4 clients', () => {
    const { list, invalid } = compileIpList(['3.18.12.63', '10.0.0.0/8', '2001:db8::/32']);
    expect(invalid).toEqual([]);
    expect(list.size).toBe(3);
    expect(['3.18.12.63', '10.255.0.1', '::ffff:10.1.2.3', '::FFFF:a01:203', '2001:db8::1', '2001:0db8:0000::0001'].map((ip) => list.has(ip))).toEqual([true, true, true, true, true, true]);
    expect(['3.18.12.64', '11.0.0.1', '2001:db9::1', 'not-an-ip', '', '10.1.2.3:443'].map((ip) => list.has(ip))).toEqual([false, false, false, false, false, false]);
  });

  it('says which entry matched', () => {
    const { list } = compileIpList(['10.0.0.0/8', '10.1.0.0/16', '::1']);
    expect(list.find('10.1.2.3')).toBe('10.0.0.0/8');
    expect(list.find('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(list.find('192.0.2.1')).toBeUndefined();
  });

  it('reads an IPv4-mapped IPv6 range as the IPv4 range', () => {
    const { list, invalid } = compileIpList(['::ffff:192.0.2.0/120']);
    expect(invalid).toEqual([]);
    expect([list.has('192.0.2.77'), list.has('::ffff:192.0.2.77'), list.has('192.0.3.1')]).toEqual([true, true, false]);
    expect(compileIpList(['::ffff:192.0.2.0/95']).invalid).toEqual(['::ffff:192.0.2.0/95']);
  });

  it('never matches an IPv6 client against an IPv4 range or the reverse (::/0 is every IPv6 client only)', () => {
    const { list } = compileIpList(['::/0']);
    expect([list.has('2001:db8::1'), list.has('fe80::1%eth0'), list.has('192.0.2.1'), list.has('::ffff:192.0.2.1')]).toEqual([true, true, false, false]);
    expect(compileIpList(['0.0.0.0/0']).list.has('2001:db8::1')).toBe(false);
  });

  it('reports entries it cannot read instead of ignoring them, refusing the lenient IPv4 forms', () => {
    const bad = ['10.0.0.0/33', 'example.com', '1.2.3.4/x', '::1/129', '127.1', '0x7f.0.0.1', '010.0.0.1/8', '1.2.3.4/8/1', '1.2.3.4/-1', ''];
    expect(compileIpList(bad).invalid).toEqual(bad);
  });

  it('parses client addresses strictly', () => {
    expect(parseAddress('::ffff:1.2.3.4')?.toString()).toBe('1.2.3.4');
    expect(parseAddress(' 2001:db8::1 ')?.kind()).toBe('ipv6');
    expect([parseAddress('127.1'), parseAddress('1.2.3.4:80'), parseAddress('[::1]'), parseAddress('unknown'), parseAddress(undefined)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    // A socket that closed before its request was handled has no remote address: no list holds it.
    expect(compileIpList(['0.0.0.0/0', '::/0']).list.has(undefined)).toBe(false);
  });
});
