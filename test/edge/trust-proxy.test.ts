import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../support/hashi.ts';
import { edgeServer } from './edge-server.ts';

// server.trustProxy over real sockets (issue 11): which address the edge takes as the
// client's — what IP rules, rate limits and logs see — for each form of the setting, and
// that X-Forwarded-For cannot pick it unless the peer sending it is trusted.

interface Answer {
  status: number;
  body: { ip?: string; error?: { code: string; message: string } };
}

/** POST /webhooks/ping (no auth; it echoes request.ip) over a real connection to `host`, from `localAddress` when given. */
function post(port: number, host: string, forwardedFor?: string, localAddress?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
    const req = httpRequest({ host, port, method: 'POST', path: '/webhooks/ping', headers, agent: false, ...(localAddress ? { localAddress } : {}) }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('trustProxy (real sockets)', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function listen(serverYaml: string, host = '127.0.0.1'): Promise<number> {
    app = await edgeServer(`server:\n${serverYaml}`);
    await app.listen({ host, port: 0 });
    return (app.server.address() as { port: number }).port;
  }

  const CHAIN = '203.0.113.9, 198.51.100.2';

  it('false (the default): the socket peer, whatever X-Forwarded-For says', async () => {
    const port = await listen('  trustProxy: false\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('127.0.0.1');
  });

  it('true: the left-most X-Forwarded-For entry — which any client can forge', async () => {
    const port = await listen('  trustProxy: true\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('203.0.113.9');
    expect((await post(port, '127.0.0.1', 'anything-at-all')).body.ip).toBe('anything-at-all');
  });

  it('a hop count: that many proxies in front are trusted, counted from the socket', async () => {
    let port = await listen('  trustProxy: 1\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('198.51.100.2');
    expect((await post(port, '127.0.0.1')).body.ip).toBe('127.0.0.1');
    await app!.close();
    port = await listen('  trustProxy: 2\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('203.0.113.9');
    await app!.close();
    port = await listen('  trustProxy: 0\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('127.0.0.1');
  });

  it('a list of proxies: X-Forwarded-For is read back only through trusted peers', async () => {
    let port = await listen('  trustProxy: [127.0.0.1]\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('198.51.100.2');
    await app!.close();
    port = await listen('  trustProxy: [loopback, 198.51.100.0/24]\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('203.0.113.9');
    await app!.close();
    // The peer (127.0.0.1) is not a listed proxy: its X-Forwarded-For is ignored.
    port = await listen('  trustProxy: [10.0.0.0/8]\n');
    expect((await post(port, '127.0.0.1', CHAIN)).body.ip).toBe('127.0.0.1');
  });

  it('IP rules see the forwarded address only from a trusted proxy', async () => {
    const rules = '  ipRules:\n    groups:\n      webhooks: { allowIps: [203.0.113.0/24, "2001:db8::/32"] }\n';
    let port = await listen(`  trustProxy: [127.0.0.1]\n${rules}`);
    expect(await post(port, '127.0.0.1', '203.0.113.7')).toEqual({ status: 200, body: { group: 'webhooks', ip: '203.0.113.7' } });
    expect((await post(port, '127.0.0.1', '2001:db8::7')).status).toBe(200);
    const outside = await post(port, '127.0.0.1', '198.51.100.1');
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: 'IP_NOT_ALLOWED', message: 'client address 198.51.100.1 is not in server.ipRules.groups.webhooks.allowIps' });
    // No header: the proxy itself is the client, and it is not allowed.
    expect((await post(port, '127.0.0.1')).status).toBe(403);
    // A forwarded value that is no address (a forged or broken header) passes no rule.
    const garbage = await post(port, '127.0.0.1', '203.0.113.7, not-an-ip');
    expect(garbage.status).toBe(403);
    expect(garbage.body.error?.message).toBe('client address "not-an-ip" is not an IP address, so the IP rules of server.ipRules.groups.webhooks refuse it');
    await app!.close();
    // Without trust, a client cannot claim an allowed address.
    port = await listen(`  trustProxy: false\n${rules}`);
    expect((await post(port, '127.0.0.1', '203.0.113.7')).status).toBe(403);
  });

  it('IPv6 clients, and IPv4 clients of a dual-stack listener', async () => {
    const rules = '  ipRules:\n    groups:\n      webhooks: { allowIps: ["::1", 127.0.0.0/8], denyIps: [127.0.0.2] }\n';
    let port = await listen(rules, '::1');
    expect(await post(port, '::1')).toEqual({ status: 200, body: { group: 'webhooks', ip: '::1' } });
    await app!.close();
    // Listening on :: takes IPv4 connections too; Node reports their peer as ::ffff:a.b.c.d.
    port = await listen(rules, '::');
    expect(await post(port, '127.0.0.1')).toEqual({ status: 200, body: { group: 'webhooks', ip: '::ffff:127.0.0.1' } });
    const denied = await post(port, '127.0.0.1', undefined, '127.0.0.2');
    expect(denied.status).toBe(403);
    expect(denied.body.error?.message).toBe('client address ::ffff:127.0.0.2 is refused by server.ipRules.groups.webhooks.denyIps (127.0.0.2)');
    await app!.close();
    // A trusted IPv6 proxy forwarding for an IPv4 client, and the reverse.
    port = await listen(`  trustProxy: ["::1/128", 127.0.0.1]\n${rules}`, '::');
    expect((await post(port, '::1', '127.0.0.2')).status).toBe(403);
    expect((await post(port, '127.0.0.1', '::1')).status).toBe(200);
  });

  it('takes only what Fastify can use, and says what is wrong', () => {
    expect(testConfig('server:\n  trustProxy: [127.0.0.1, uniquelocal, "fd00::/8"]\n').server.trustProxy).toEqual(['127.0.0.1', 'uniquelocal', 'fd00::/8']);
    expect(testConfig('server:\n  trustProxy: 2\n').server.trustProxy).toBe(2);
    expect(() => testConfig('server:\n  trustProxy: [10.0.0.0/8, my-proxy]\n')).toThrow('server.trustProxy: entries are not CIDRs, addresses or loopback/linklocal/uniquelocal: "my-proxy"');
    expect(() => testConfig('server:\n  trustProxy: -1\n')).toThrow('server.trustProxy');
    expect(() => testConfig('server:\n  trustProxy: "127.0.0.1"\n')).toThrow('server.trustProxy');
    expect(() => testConfig('server:\n  trustProxy: []\n')).toThrow('server.trustProxy');
  });
});
