import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, testConfig } from '../support/hashi.ts';
import { GROUP_ROUTES, edgeServer } from './edge-server.ts';

// IP rules at the edge (issue 11): allow/deny lists, global, per route group and per usage
// plan, on the client address. Here the address is the socket peer that inject() sets;
// trust-proxy.test.ts takes it from X-Forwarded-For over real sockets.

const KEY = { 'x-api-key': 'plan:default' };

describe('IP rules', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const from = (remoteAddress: string, url: string, headers: Record<string, string> = KEY, method: 'GET' | 'POST' = 'GET') => app!.inject({ method, url, headers, remoteAddress });

  it('keep a route group to its allow list, refusing others with 403 IP_NOT_ALLOWED naming the rule', async () => {
    app = await edgeServer('server:\n  ipRules:\n    groups:\n      admin: { allowIps: [10.0.0.0/8, "2001:db8:a::/48"] }\n');
    const inside = await from('10.20.30.40', '/admin/ping', { 'x-admin-key': ADMIN_KEY });
    expect(inside.statusCode).toBe(200);
    expect((await from('2001:db8:a::9', '/admin/ping', { 'x-admin-key': ADMIN_KEY })).statusCode).toBe(200);
    const outside = await from('192.0.2.10', '/admin/ping', { 'x-admin-key': ADMIN_KEY });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({
      code: 'IP_NOT_ALLOWED',
      message: 'client address 192.0.2.10 is not in server.ipRules.groups.admin.allowIps',
      details: { ip: '192.0.2.10', rule: 'server.ipRules.groups.admin.allowIps' },
    });
    // Other groups are not affected.
    expect((await from('192.0.2.10', '/v1/ping')).statusCode).toBe(200);
  });

  it('refuse before authentication and before the body is read', async () => {
    app = await edgeServer('server:\n  ipRules:\n    groups:\n      fm: { denyIps: [192.0.2.0/24] }\n');
    const noKey = await from('192.0.2.1', '/v1/ping', {});
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json().error.code).toBe('IP_NOT_ALLOWED');
    const badJson = await app.inject({ method: 'POST', url: '/v1/ping', remoteAddress: '192.0.2.1', headers: { 'content-type': 'application/json' }, payload: '{"broken' });
    expect(badJson.json().error.code).toBe('IP_NOT_ALLOWED');
    expect((await from('192.0.3.1', '/v1/ping', {})).json().error.code).toBe('AUTH_REQUIRED');
  });

  it('let a deny entry win over an allow entry, and name the entry that matched', async () => {
    app = await edgeServer('server:\n  ipRules:\n    groups:\n      apps: { allowIps: [10.0.0.0/8], denyIps: [10.6.6.0/24] }\n');
    expect((await from('10.6.5.1', '/support/v1/ping')).statusCode).toBe(200);
    const denied = await from('10.6.6.6', '/support/v1/ping');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('client address 10.6.6.6 is refused by server.ipRules.groups.apps.denyIps (10.6.6.0/24)');
    expect(denied.json().error.details).toEqual({ ip: '10.6.6.6', rule: 'server.ipRules.groups.apps.denyIps', entry: '10.6.6.0/24' });
  });

  it('apply the global lists to every route and the group lists as well', async () => {
    app = await edgeServer('server:\n  ipRules:\n    denyIps: [198.51.100.0/24]\n    groups:\n      fm: { allowIps: [203.0.113.0/24, 198.51.100.0/24] }\n');
    for (const url of ['/healthz', '/docs', '/v1/ping', '/webhooks/ping', '/no/such/route']) {
      const res = await from('198.51.100.7', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.message, url).toBe('client address 198.51.100.7 is refused by server.ipRules.denyIps (198.51.100.0/24)');
    }
    expect((await from('203.0.113.7', '/v1/ping')).statusCode).toBe(200);
    expect((await from('192.0.2.7', '/v1/ping')).json().error.message).toBe('client address 192.0.2.7 is not in server.ipRules.groups.fm.allowIps');
    expect((await from('192.0.2.7', '/healthz')).statusCode).toBe(200);
  });

  it('put each route in its own group: a rule on one group refuses that group only', async () => {
    const groups = Object.keys(GROUP_ROUTES);
    // Group i refuses 192.0.2.i.
    const rules = groups.map((group, i) => `      ${group}: { denyIps: [192.0.2.${i + 1}] }`).join('\n');
    app = await edgeServer(`server:\n  ipRules:\n    groups:\n${rules}\n`);
    for (const [i, group] of groups.entries()) {
      for (const [j, other] of groups.entries()) {
        const url = GROUP_ROUTES[other as keyof typeof GROUP_ROUTES];
        const res = await from(`192.0.2.${i + 1}`, url, { ...KEY, 'x-admin-key': ADMIN_KEY }, url === '/' ? 'POST' : 'GET');
        const refused = res.statusCode === 403 && res.json().error?.code === 'IP_NOT_ALLOWED';
        expect(refused, `${url} (${other}) from the address ${group} refuses`).toBe(i === j);
      }
    }
  });

  it('route percent-encoded and unusual spellings of a path to the same group', async () => {
    app = await edgeServer('server:\n  ipRules:\n    groups:\n      admin: { allowIps: [10.0.0.0/8] }\n');
    for (const url of ['/%61dmin/ping', '/admin/ping?x=1', '/admin/%70ing']) {
      const res = await from('192.0.2.1', url, { 'x-admin-key': ADMIN_KEY });
      expect(res.json().error?.code, url).toBe('IP_NOT_ALLOWED');
    }
    // Spellings the router does not take as the route never reach it either.
    for (const url of ['/admin/ping/', '/admin//ping', '/ADMIN/ping']) {
      const res = await from('192.0.2.1', url, { 'x-admin-key': ADMIN_KEY });
      expect(res.statusCode, url).not.toBe(200);
    }
  });

  it('match IPv6 clients and IPv4 clients seen through a dual-stack socket', async () => {
    app = await edgeServer('server:\n  ipRules:\n    groups:\n      fm: { denyIps: ["2001:db8::/32"] }\n      webhooks: { allowIps: [127.0.0.0/8, "::1"] }\n');
    expect((await from('2001:db8:1::5', '/v1/ping')).json().error.message).toBe('client address 2001:db8:1::5 is refused by server.ipRules.groups.fm.denyIps (2001:db8::/32)');
    expect((await from('2001:0DB8:0000::1', '/v1/ping')).statusCode).toBe(403);
    expect((await from('2001:db9::1', '/v1/ping')).statusCode).toBe(200);
    expect((await from('::ffff:127.0.0.1', '/webhooks/ping', {}, 'POST')).statusCode).toBe(200);
    expect((await from('::1', '/webhooks/ping', {}, 'POST')).statusCode).toBe(200);
    const mapped = await from('::ffff:192.0.2.1', '/webhooks/ping', {}, 'POST');
    expect(mapped.statusCode).toBe(403);
    expect(mapped.json().error.message).toBe('client address ::ffff:192.0.2.1 is not in server.ipRules.groups.webhooks.allowIps');
  });

  it("hold a usage plan's keys to the plan's lists, on metered and unmetered routes alike", async () => {
    const yaml = 'plans:\n  default: { rps: 100 }\n  partner: { rps: 100, allowIps: [203.0.113.0/24] }\n  blocked: { rps: 100, denyIps: [0.0.0.0/0, "::/0"] }\n';
    app = await edgeServer(yaml);
    const partner = { 'x-api-key': 'plan:partner' };
    expect((await from('203.0.113.9', '/v1/ping', partner)).statusCode).toBe(200);
    const outside = await from('198.51.100.1', '/v1/ping', partner);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'IP_NOT_ALLOWED', message: 'client address 198.51.100.1 is not in plans.partner.allowIps' });
    // A refused request is not charged to the plan.
    expect(outside.headers['x-ratelimit-remaining']).toBeUndefined();
    expect((await from('198.51.100.1', '/v1/unmetered', partner)).statusCode).toBe(403);
    expect((await from('2001:db8::1', '/support/v1/ping', { 'x-api-key': 'plan:blocked' })).json().error.message).toBe('client address 2001:db8::1 is refused by plans.blocked.denyIps (::/0)');
    // Other plans, and an unknown plan (which falls back to default), are not held to them.
    expect((await from('198.51.100.1', '/v1/ping')).statusCode).toBe(200);
    expect((await from('198.51.100.1', '/v1/ping', { 'x-api-key': 'plan:unknown' })).statusCode).toBe(200);
  });

  it('refuse entries that are not addresses or CIDRs when the configuration loads, naming each path', () => {
    const load = (yaml: string) => () => testConfig(yaml);
    expect(load('server:\n  ipRules:\n    allowIps: [10.0.0.0/33, example.com]\n')).toThrow('server.ipRules.allowIps: entries are not CIDRs or addresses: "10.0.0.0/33", "example.com"');
    expect(load('server:\n  ipRules:\n    groups:\n      admin: { denyIps: ["127.1"] }\n')).toThrow('server.ipRules.groups.admin.denyIps: entries are not CIDRs or addresses: "127.1"');
    expect(load('plans:\n  p: { rps: 1, allowIps: ["::1/129"] }\n')).toThrow('plans.p.allowIps: entries are not CIDRs or addresses: "::1/129"');
    expect(load('server:\n  ipRules:\n    groups:\n      everything: { denyIps: [] }\n')).toThrow('server.ipRules.groups');
  });
});
