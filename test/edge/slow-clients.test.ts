import { connect, type Socket } from 'node:net';
import websocket from '@fastify/websocket';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MemoryCounter } from '../../src/cache/index.ts';
import { buildServer } from '../../src/http/index.ts';
import { systemClock } from '../../src/kernel/index.ts';
import { createMetrics, silentLogger } from '../../src/observability/index.ts';
import { testConfig } from '../support/hashi.ts';

// Slow clients over real sockets (issue 11, defect 7): a body trickled a byte at a
// time, headers that never end, an idle keep-alive connection. Each must end with
// the socket closed by the server. The timeouts are configured short so the tests
// are fast; a socket the server never closes fails the test by its timeout.

const UNLIMITED = 'requestTimeoutMs: 600000\n  bodyTimeoutMs: 600000\n  headersTimeoutMs: 600000\n  keepAliveTimeoutMs: 600000';

async function edge(serverYaml: string): Promise<{ app: FastifyInstance; port: number }> {
  const app = await buildServer({
    config: testConfig(`server:\n  ${serverYaml}\n`),
    clock: systemClock,
    logger: silentLogger(),
    metrics: createMetrics(),
    counter: new MemoryCounter(systemClock),
    authSchemes: [],
    version: 'test',
    readiness: async () => ({ ok: true, checks: {} }),
    routes: [
      async (a) => {
        a.post('/echo', { config: { auth: 'none' } }, async (request) => ({ got: request.body }));
        a.post('/stream-like', { config: { auth: 'none', deadline: false } }, async (request) => ({ got: request.body }));
      },
      // A WebSocket route in its own plugin scope, as the FM routes register /v1/chat/ws.
      async (a) => {
        await a.register(websocket);
        a.get('/ws', { websocket: true, config: { auth: 'none', deadline: false } }, (socket) => socket.send('hello'));
      },
    ],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as { port: number }).port };
}

/** A raw connection that records everything the server sends and when it closes. */
function rawClient(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

/** Writes one byte every `everyMs` until the socket closes (never finishing the body). */
function trickle(socket: Socket, everyMs: number): () => void {
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write('1');
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
  return () => clearInterval(timer);
}

const POST_HEAD = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;

function parseResponse(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('slow clients', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('closes the socket after the route deadline answers 504 to a trickled body', async () => {
    // Only the route deadline is short: nothing else would ever close this socket.
    const s = await edge(`${UNLIMITED.replace('requestTimeoutMs: 600000', 'requestTimeoutMs: 200')}`);
    app = s.app;
    const client = rawClient(s.port);
    client.socket.write(POST_HEAD('/echo'));
    trickle(client.socket, 20);
    await client.closed;
    const res = parseResponse(client.received());
    expect(res.status).toBe(504);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body).error.code).toBe('DEADLINE_EXCEEDED');
  });

  it('answers 408 in the envelope and closes when a body takes longer than bodyTimeoutMs (routes without a deadline too)', async () => {
    const s = await edge(UNLIMITED.replace('bodyTimeoutMs: 600000', 'bodyTimeoutMs: 300').replace('headersTimeoutMs: 600000', 'headersTimeoutMs: 200'));
    app = s.app;
    const client = rawClient(s.port);
    client.socket.write(POST_HEAD('/stream-like'));
    trickle(client.socket, 20);
    await client.closed;
    const res = parseResponse(client.received());
    expect(res.status).toBe(408);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: expect.stringContaining('300 ms'), requestId: expect.any(String) } });
  });

  it('answers 408 and closes when the headers never end within headersTimeoutMs', async () => {
    const s = await edge(UNLIMITED.replace('headersTimeoutMs: 600000', 'headersTimeoutMs: 200'));
    app = s.app;
    const client = rawClient(s.port);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const stop = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 20);
    await client.closed;
    clearInterval(stop);
    const res = parseResponse(client.received());
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).error.code).toBe('REQUEST_TIMEOUT');
  });

  it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
    const s = await edge(UNLIMITED.replace('keepAliveTimeoutMs: 600000', 'keepAliveTimeoutMs: 200'));
    app = s.app;
    const client = rawClient(s.port);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await client.closed;
    const res = parseResponse(client.received());
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('keep-alive');
  });

  it('answers 431 in the envelope and closes when the headers are too large', async () => {
    const s = await edge(UNLIMITED);
    app = s.app;
    const client = rawClient(s.port);
    client.socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await client.closed;
    const res = parseResponse(client.received());
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).error).toEqual({ code: 'HEADERS_TOO_LARGE', message: expect.any(String), requestId: res.headers['x-request-id'] });
  });

  it('still serves a complete request sent at an honest pace', async () => {
    const s = await edge(UNLIMITED.replace('bodyTimeoutMs: 600000', 'bodyTimeoutMs: 2000').replace('headersTimeoutMs: 600000', 'headersTimeoutMs: 1000'));
    app = s.app;
    const res = await fetch(`http://127.0.0.1:${s.port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  // Found by the fuzz suite (test/fuzz): Node hands an upgrade request's socket to the
  // WebSocket plugin, outside the HTTP server's timeouts; answered by any route but a
  // WebSocket one, the socket used to stay open for ever (and a client could hold any number).
  describe('an Upgrade request to a route that is not a WebSocket', () => {
    const UPGRADE = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    for (const [name, request] of [
      ['an existing route', `GET /healthz HTTP/1.1\r\nHost: x\r\n${UPGRADE}\r\n`],
      ['no route (404)', `GET /nope HTTP/1.1\r\nHost: x\r\n${UPGRADE}\r\n`],
      ['a POST whose body never comes', `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n${UPGRADE}\r\n`],
    ] as const) {
      it(`${name}: gets its answer with Connection: close, and the socket is closed`, async () => {
        const s = await edge(UNLIMITED.replace('requestTimeoutMs: 600000', 'requestTimeoutMs: 300'));
        app = s.app;
        const client = rawClient(s.port);
        client.socket.write(request);
        await client.closed;
        const res = parseResponse(client.received());
        expect([200, 400, 404, 504]).toContain(res.status);
        expect(res.headers.connection).toBe('close');
      });
    }

    it('a WebSocket route still upgrades and stays open', async () => {
      const s = await edge(UNLIMITED);
      app = s.app;
      const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`);
      const first = await new Promise<string>((resolve, reject) => {
        ws.once('message', (data) => resolve(String(data)));
        ws.once('error', reject);
      });
      expect(first).toBe('hello');
      await new Promise((r) => setTimeout(r, 100));
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
    });
  });
});
