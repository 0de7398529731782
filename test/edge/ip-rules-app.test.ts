import { Agent } from 'node:http';
import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeGroupOf } from '../../src/http/edge/route-groups.ts';
import { awsKey, clients, listeningHashi, refusal, type ListeningHashi } from '../aws/support.ts';
import { createKey } from '../support/hashi.ts';

// IP rules through the whole application (issue 11): a real API key's usage plan on an
// HTTP route, on the chat WebSocket (which authenticates after the upgrade) and on the AWS
// front door (SigV4, its own error shapes), over real sockets; and every route of the
// application in a route group.

const YAML = `plans:
  default: { rps: 100, burst: 100 }
  office: { rps: 100, burst: 100, allowIps: [10.0.0.0/8] }
server:
  ipRules:
    groups:
      fm: { denyIps: [127.0.0.2] }
      aws: { denyIps: [127.0.0.2] }
`;

/** A WebSocket handshake the server answers over HTTP: its status and body, once the server has closed the socket. */
function refusedUpgrade(url: string, localAddress: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { localAddress });
    socket.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.socket?.on('close', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.on('open', () => reject(new Error('upgraded')));
    socket.on('error', () => undefined);
  });
}

describe('IP rules in the application', () => {
  let hashi: ListeningHashi;
  let wsUrl: string;
  beforeAll(async () => {
    hashi = await listeningHashi('sqlite', YAML);
    wsUrl = `${hashi.url.replace(/^http/, 'ws')}/v1/chat/ws`;
  }, 60_000);
  afterAll(async () => {
    await hashi?.close();
  });

  it("hold an API key to its plan's allow list", async () => {
    const key = await createKey(hashi, 'acme', 'office');
    const inside = await hashi.app!.inject({ url: '/v1/whoami', headers: { authorization: `Bearer ${key}` }, remoteAddress: '10.9.8.7' });
    expect(inside.statusCode).toBe(200);
    const outside = await hashi.app!.inject({ url: '/v1/whoami', headers: { authorization: `Bearer ${key}` }, remoteAddress: '192.0.2.1' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'IP_NOT_ALLOWED', message: 'client address 192.0.2.1 is not in plans.office.allowIps' });
  });

  it("close the chat WebSocket of a key whose plan refuses the address, and refuse a denied address's upgrade", async () => {
    const office = await createKey(hashi, 'acme', 'office');
    const closed = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}?api_key=${office}`);
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
      socket.on('error', reject);
    });
    expect(closed).toEqual({ code: 1008, reason: 'client address 127.0.0.1 is not in plans.office.allowIps' });

    const plain = await createKey(hashi, 'acme');
    const ready = await new Promise<unknown>((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}?api_key=${plain}`);
      socket.on('message', (data) => {
        resolve(JSON.parse(String(data)));
        socket.close();
      });
      socket.on('error', reject);
    });
    expect(ready).toMatchObject({ type: 'ready', tenant: 'acme' });

    // The fm group refuses 127.0.0.2 before the upgrade: an HTTP 403 in the envelope, and the server closes the socket.
    const upgrade = await refusedUpgrade(`${wsUrl}?api_key=${plain}`, '127.0.0.2');
    expect(upgrade.status).toBe(403);
    expect(JSON.parse(upgrade.body).error.message).toBe('client address 127.0.0.2 is refused by server.ipRules.groups.fm.denyIps (127.0.0.2)');
    // So does an upgrade to no route (that socket used to stay open, and close() waited on it for ever).
    expect((await refusedUpgrade(`${wsUrl.replace('/ws', '/nowhere')}`, '127.0.0.1')).status).toBe(404);
  });

  it('refuse the AWS front door as AWS refuses access: by the plan of the access key, and by the aws group', async () => {
    const { accessKeyId, secretAccessKey } = await hashi.awsKeys.create({ tenant: 'acme', plan: 'office' });
    const office = clients(hashi, { accessKeyId, secretAccessKey });
    const message = 'client address 127.0.0.1 is not in plans.office.allowIps';
    expect(await refusal(office.eb.send(new ListRulesCommand({})))).toEqual({ name: 'AccessDeniedException', message, status: 403 });
    // SQS clients name errors by the query-protocol code (x-amzn-query-error).
    expect(await refusal(office.sqs.send(new ListQueuesCommand({})))).toEqual({ name: 'AccessDenied', message, status: 403 });
    const plain = clients(hashi, await awsKey(hashi, 'acme'));
    expect((await plain.eb.send(new ListRulesCommand({}))).Rules).toBeDefined();

    // From 127.0.0.2 the aws group refuses before the signature is looked at.
    const agent = new Agent({ localAddress: '127.0.0.2' });
    const config = { endpoint: hashi.url, region: 'local', credentials: await awsKey(hashi, 'acme'), maxAttempts: 1, requestHandler: { httpAgent: agent } };
    const { EventBridgeClient } = await import('@aws-sdk/client-eventbridge');
    expect(await refusal(new EventBridgeClient(config).send(new ListRulesCommand({})))).toEqual({
      name: 'AccessDeniedException',
      message: 'client address 127.0.0.2 is refused by server.ipRules.groups.aws.denyIps (127.0.0.2)',
      status: 403,
    });
    agent.destroy();
  });

  it('put every route of the application in a route group', async () => {
    const paths = Object.keys((hashi.app!.swagger() as { paths: Record<string, unknown> }).paths);
    expect(paths.length).toBeGreaterThan(40);
    const ungrouped = [...paths, '/docs', '/openapi.json', '/v1/chat/ws'].filter((path) => routeGroupOf(path) === undefined);
    expect(ungrouped).toEqual([]);
  });
});
