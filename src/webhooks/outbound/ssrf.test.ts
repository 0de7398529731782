import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { HashiError, RetryableError, ValidationError } from '../../kernel/index.ts';
import { checkEndpoint, classifyAddress, createPinnedAgent, pinnedLookup } from './ssrf.ts';
import type { CheckedEndpoint, Lookup } from './ssrf.ts';

// Every lookup here is injected: these tests resolve nothing and send nothing
// anywhere, except the last one, which talks to a server on 127.0.0.1.
const resolvesTo = (...addresses: string[]): Lookup & ReturnType<typeof vi.fn> =>
  vi.fn(async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

async function refusal(promise: Promise<unknown>): Promise<HashiError> {
  try {
    await promise;
  } catch (e) {
    return e as HashiError;
  }
  throw new Error('expected a refusal');
}

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4-mapped-private'],
    ['::ffff:7f00:1', 'ipv4-mapped-private'],
    ['::ffff:10.0.0.1', 'ipv4-mapped-private'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a9fe:a9fe', 'ipv4-mapped-private'],
    ['2002:c0a8:0101::1', 'ipv4-mapped-private'],
    ['2001:db8::1', 'reserved'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('returns undefined for a host name', () => {
    expect(classifyAddress('example.com')).toBeUndefined();
  });
});

describe('checkEndpoint', () => {
  it('accepts a host that resolves only to public addresses and returns them for pinning', async () => {
    const lookup = resolvesTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c');

    const checked = await checkEndpoint('https://Hooks.Example.com./in?token=abc', { lookup });

    expect(lookup).toHaveBeenCalledWith('hooks.example.com');
    expect(checked.hostname).toBe('hooks.example.com');
    expect(checked.addresses).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.com/'])('refuses the non-http URL %s', async (url) => {
    const lookup = resolvesTo('93.184.215.14');

    const error = await refusal(checkEndpoint(url, { lookup }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('WEBHOOK_ENDPOINT_REFUSED');
    expect(error.message).toMatch(/scheme [a-z]+: is not allowed/);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses an unparseable URL', async () => {
    expect((await refusal(checkEndpoint('not a url'))).code).toBe('WEBHOOK_ENDPOINT_REFUSED');
  });

  it.each([
    ['http://127.0.0.1:8080/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.0.0.1/', 'loopback'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', 'ipv4-mapped-private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd00::5]/', 'unique-local'],
    ['http://100.100.100.200/', 'cgnat'],
    ['http://192.168.0.10/', 'private'],
    ['http://224.0.0.1/', 'multicast'],
  ])('refuses the IP literal %s as %s without a lookup', async (url, cls) => {
    const lookup = resolvesTo('93.184.215.14');

    const error = await refusal(checkEndpoint(url, { lookup }));

    expect(error.code).toBe('WEBHOOK_ENDPOINT_REFUSED');
    expect(error.details).toMatchObject({ reason: 'address', addressClass: cls });
    expect(error.message).toContain(`is a ${cls} address`);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a name that resolves to any private address, even among public ones', async () => {
    const error = await refusal(checkEndpoint('https://rebind.example/', { lookup: resolvesTo('93.184.215.14', '10.0.0.7') }));

    expect(error.details).toMatchObject({ address: '10.0.0.7', addressClass: 'private' });
    expect(error.message).toBe(
      'endpoint https://rebind.example refused: host rebind.example resolves to 10.0.0.7, which is a private address; add it to the allow list to permit it',
    );
  });

  it('never puts credentials, path or query in the message', async () => {
    const error = await refusal(checkEndpoint('http://user:hunter2@localhost:9000/hook?token=s3cr3t', { lookup: resolvesTo('127.0.0.1') }));

    expect(error.message).not.toMatch(/hunter2|s3cr3t|\/hook/);
    expect(JSON.stringify(error.details)).not.toMatch(/hunter2|s3cr3t/);
  });

  it('allows a private address inside an allow-listed CIDR, and only there', async () => {
    const allow = ['10.20.0.0/16', 'fd00:1::/32'];

    await expect(checkEndpoint('http://erp.internal/', { allow, lookup: resolvesTo('10.20.3.4') })).resolves.toMatchObject({ hostname: 'erp.internal' });
    await expect(checkEndpoint('http://[fd00:1::9]/', { allow })).resolves.toBeDefined();
    expect((await refusal(checkEndpoint('http://erp.internal/', { allow, lookup: resolvesTo('10.21.0.1') }))).code).toBe('WEBHOOK_ENDPOINT_REFUSED');
  });

  it('allows single addresses and host names, including *.suffix patterns', async () => {
    const allow = ['127.0.0.1', 'Mock-Receiver', '*.corp.example'];

    await expect(checkEndpoint('http://127.0.0.1:4000/', { allow })).resolves.toBeDefined();
    await expect(checkEndpoint('http://mock-receiver:4000/', { allow, lookup: resolvesTo('172.18.0.5') })).resolves.toMatchObject({
      addresses: [{ address: '172.18.0.5', family: 4 }],
    });
    await expect(checkEndpoint('http://a.b.corp.example/', { allow, lookup: resolvesTo('10.0.0.1') })).resolves.toBeDefined();
    expect((await refusal(checkEndpoint('http://corp.example/', { allow, lookup: resolvesTo('10.0.0.1') }))).code).toBe('WEBHOOK_ENDPOINT_REFUSED');
    expect((await refusal(checkEndpoint('http://127.0.0.2/', { allow }))).code).toBe('WEBHOOK_ENDPOINT_REFUSED');
  });

  it('rejects a malformed allow-list entry', async () => {
    expect((await refusal(checkEndpoint('http://example.com/', { allow: ['10.0.0.0/40'], lookup: resolvesTo('1.1.1.1') }))).code).toBe(
      'WEBHOOK_ENDPOINT_ALLOWLIST_INVALID',
    );
  });

  it('turns a failed or empty resolution into a retryable error', async () => {
    const failing: Lookup = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };

    const failed = await refusal(checkEndpoint('https://flaky.example/', { lookup: failing }));
    const empty = await refusal(checkEndpoint('https://empty.example/', { lookup: resolvesTo() }));

    expect(failed).toBeInstanceOf(RetryableError);
    expect(failed.code).toBe('WEBHOOK_ENDPOINT_UNRESOLVED');
    expect(empty.code).toBe('WEBHOOK_ENDPOINT_UNRESOLVED');
  });
});

describe('pinning', () => {
  const endpoint: CheckedEndpoint = {
    url: new URL('https://hooks.example.com/in'),
    hostname: 'hooks.example.com',
    addresses: [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07::1', family: 6 },
    ],
  };

  function callLookup(hostname: string, options: Record<string, unknown>): Promise<{ err: unknown; address: unknown; family: unknown }> {
    return new Promise((resolve) => {
      pinnedLookup(endpoint)(hostname, options, (err, address, family) => resolve({ err, address, family }));
    });
  }

  it('answers all:true lookups (what net uses with autoSelectFamily) with every checked address', async () => {
    const { err, address } = await callLookup('hooks.example.com', { all: true });

    expect(err).toBeNull();
    expect(address as LookupAddress[]).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07::1', family: 6 },
    ]);
  });

  it('answers single lookups with the first address of the wanted family', async () => {
    expect(await callLookup('HOOKS.example.com', {})).toEqual({ err: null, address: '93.184.215.14', family: 4 });
    expect(await callLookup('hooks.example.com', { family: 6 })).toEqual({ err: null, address: '2606:2800:21f:cb07::1', family: 6 });
  });

  it('refuses to resolve any other host name', async () => {
    const { err } = await callLookup('evil.example', { all: true });

    expect(err).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('makes undici connect to the checked address without asking DNS (loopback only)', async () => {
    const server = createServer((req, res) => res.end(`host=${req.headers.host}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const checked = await checkEndpoint(`http://receiver.hashi.invalid:${port}/hook`, { allow: ['127.0.0.1/32'], lookup: resolvesTo('127.0.0.1') });
    const agent = createPinnedAgent(checked);

    try {
      const response = await request(checked.url, { dispatcher: agent, method: 'POST', body: '{}' });

      expect(response.statusCode).toBe(200);
      expect(await response.body.text()).toBe(`host=receiver.hashi.invalid:${port}`);
    } finally {
      await agent.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
