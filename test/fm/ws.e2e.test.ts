import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FmConfig } from '../../src/fm/index.ts';
import { createLogger, type Logger } from '../../src/observability/index.ts';
import { startGateway, type GatewayHarness } from './harness.ts';
import { WsTestClient } from './ws-client.ts';

let h: GatewayHarness | undefined;
let clients: WsTestClient[] = [];
afterEach(async () => {
  for (const c of clients) c.socket.terminate();
  clients = [];
  await h?.close();
  h = undefined;
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function open(options: { fm?: Partial<FmConfig>; plans?: string; logger?: Logger } = {}) {
  h = await startGateway(options);
  const url = (await h.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  const connect = async (query = '', headers: Record<string, string> = { authorization: `Bearer ${h!.key}` }, extra = {}) => {
    const client = await WsTestClient.connect(`${url}/v1/chat/ws${query}`, { headers, ...extra });
    clients.push(client);
    return client;
  };
  return { h, url, connect };
}

describe('WS /v1/chat/ws', () => {
  it('streams several turns on one connection, token by token, and closes cleanly with 1000', async () => {
    const { connect, h } = await open();
    h.fake.script({ reply: 'Pluto is by Urasawa', usage: { inputTokens: 7, outputTokens: 4 } });
    const ws = await connect();
    await ws.waitFor((m) => m.type === 'ready');

    ws.send({ type: 'chat', id: 't1', message: 'Who wrote Pluto?', model: 'claude' });
    const first = await ws.turn('t1');
    ws.send({ type: 'chat', id: 't2', message: 'And Monster?', model: 'haiku' });
    const second = await ws.turn('t2');
    ws.socket.close(1000, 'bye');

    expect(first.map((m) => m.type)).toEqual(['start', 'chunk', 'chunk', 'chunk', 'chunk', 'complete']);
    expect(first.filter((m) => m.type === 'chunk').map((m) => m.text).join('')).toBe('Pluto is by Urasawa');
    expect(first.at(-1)).toMatchObject({ model: 'claude', provider: 'anthropic', usage: { input_tokens: 7, output_tokens: 4 }, cost_usd: (7 + 20) / 1e6, cached: false });
    expect(first.at(-1).overhead_ms).toBeGreaterThanOrEqual(0);
    expect(second[0]).toMatchObject({ type: 'start', model: 'haiku', provider: 'bedrock' });
    expect(await ws.closed).toEqual({ code: 1000, reason: 'bye' });
  });

  // Found by the fuzz suite: each frame that broke the protocol was logged at error level with a stack.
  it('a client frame that breaks the protocol is closed with 1002 and not logged as a server error', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const { connect } = await open({ logger: createLogger({ level: 'debug', destination }) });
    const ws = await connect();
    await ws.waitFor((m) => m.type === 'ready');
    // An unmasked text frame: clients must mask (RFC 6455 §5.1).
    (ws.socket as unknown as { _socket: Socket })._socket.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d]));
    expect((await ws.closed).code).toBe(1002);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 20, msg: 'websocket: the client broke the protocol' }));
  });

  it('closes open connections with 1001 when the server shuts down', async () => {
    const { connect, h: harness } = await open();
    const ws = await connect();
    await ws.waitFor((m) => m.type === 'ready');

    await harness.close();
    h = undefined;

    expect(await ws.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });

  it('accepts the key as ?api_key= (browsers), and closes with 1008 for a bad or missing key', async () => {
    const { connect, h } = await open();

    const browser = await connect(`?api_key=${encodeURIComponent(h.key)}`, {});
    const ready = await browser.waitFor((m) => m.type === 'ready');
    const bad = await connect('?api_key=hsk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {});
    const missing = await connect('', {});
    const foreign = await connect('', { authorization: 'Bearer sk-not-a-hashi-key' });

    expect(ready).toEqual({ type: 'ready', tenant: 'acme' });
    expect((await bad.closed).code).toBe(1008);
    expect(await foreign.closed).toMatchObject({ code: 1008, reason: expect.stringContaining('not a Hashi API key') });
    expect(await missing.closed).toMatchObject({ code: 1008, reason: expect.stringContaining('authentication required') });
  });

  it("charges each turn to the key's usage plan: a turn over the limit gets a 429 error frame, and the socket carries on", async () => {
    const { connect, h } = await open({ plans: 'plans:\n  default: { rps: 1, burst: 2, dailyQuota: 3 }\n' });
    const ws = await connect();
    await ws.waitFor((m) => m.type === 'ready');

    const outcomes: unknown[] = [];
    for (const id of ['a', 'b', 'c']) {
      ws.send({ type: 'chat', id, message: `hi ${id}`, model: 'haiku' });
      const turn = await ws.turn(id);
      outcomes.push(turn.at(-1).type === 'error' ? [turn.at(-1).status, turn.at(-1).code, turn.at(-1).retryAfterSeconds] : turn.at(-1).type);
    }
    h.clock.tick(1000);
    ws.send({ type: 'chat', id: 'd', message: 'hi d', model: 'haiku' });
    const afterRefill = (await ws.turn('d')).at(-1);
    h.clock.tick(1000);
    ws.send({ type: 'chat', id: 'e', message: 'hi e', model: 'haiku' });
    const overQuota = (await ws.turn('e')).at(-1);

    expect(outcomes).toEqual(['complete', 'complete', [429, 'RATE_LIMITED', 1]]);
    expect(afterRefill.type).toBe('complete');
    expect(overQuota).toMatchObject({ type: 'error', status: 429, code: 'QUOTA_EXCEEDED' });
    expect(h.fake.requests).toHaveLength(3);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
  });

  it('cancels a turn on {"type":"cancel"}: the upstream call is aborted and the connection carries on', async () => {
    const { connect, h } = await open();
    h.fake.script({ reply: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), tokensPerSecond: 20, times: 1 });
    const ws = await connect();

    ws.send({ type: 'chat', id: 'long', message: 'tell me everything', model: 'llama' });
    await ws.waitFor((m) => m.id === 'long' && m.type === 'chunk');
    ws.send({ type: 'cancel' });
    const long = await ws.turn('long');
    await vi.waitFor(() => expect(h.fake.inFlight).toBe(0), { timeout: 5_000 });
    ws.send({ type: 'chat', id: 'next', message: 'short one', model: 'llama' });
    const next = await ws.turn('next');

    expect(long.at(-1)).toEqual({ type: 'cancelled', id: 'long' });
    expect(long.filter((m) => m.type === 'chunk').length).toBeLessThan(60);
    expect(next.at(-1).type).toBe('complete');
  });

  it('reports a stream that breaks mid-way as an error message, never a clean complete', async () => {
    const { connect, h } = await open();
    h.fake.script({ reply: 'one two three four', fault: { type: 'reset', afterDeltas: 2 }, times: 1 });
    const ws = await connect();

    ws.send({ type: 'chat', id: 'b', message: 'count', model: 'claude' });
    const turn = await ws.turn('b');

    expect(turn.map((m) => m.type)).toEqual(['start', 'chunk', 'chunk', 'error']);
    expect(turn.at(-1).code).toMatch(/^FM_/);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
  });

  it('takes an image as a binary frame announced by the preceding chat message', async () => {
    const { connect, h } = await open();
    const ws = await connect();

    ws.send({ type: 'chat', id: 'img', message: 'What is on this cover?', model: 'haiku', images: [{ media_type: 'image/png' }] });
    ws.socket.send(PNG);
    const turn = await ws.turn('img');

    expect(turn.at(-1).type).toBe('complete');
    const content = h.fake.requests[0]!.body.messages[0].content;
    expect(content[0]).toEqual({ text: 'What is on this cover?' });
    expect(Buffer.from(content[1].image.source.bytes, 'base64').equals(PNG)).toBe(true);
  });

  it('closes with 1008 on a binary frame nobody announced; answers bad messages and busy turns with errors', async () => {
    const { connect, h } = await open();
    h.fake.script({ latencyMs: 300 });
    const ws = await connect();
    await ws.waitFor((m) => m.type === 'ready');

    ws.send('not json');
    ws.send({ type: 'chat', model: 'claude' });
    ws.send({ type: 'chat', id: 'slow', message: 'hi', model: 'claude' });
    ws.send({ type: 'chat', id: 'second', message: 'hi', model: 'claude' });
    ws.send({ type: 'ping' });
    await ws.turn('slow');
    const errors = ws.messages.filter((m) => m.type === 'error');
    const pong = ws.messages.find((m) => m.type === 'pong');
    const stray = await connect();
    stray.socket.send(PNG);

    expect(errors.map((e) => e.code)).toEqual(['INVALID_JSON', 'VALIDATION_FAILED', 'CONFLICT']);
    expect(pong).toEqual({ type: 'pong' });
    expect((await stray.closed).code).toBe(1008);
  });

  it('drops a peer that stops answering keep-alive pings, and keeps one that answers', async () => {
    // Generous against a loaded machine: a live client must answer within one interval.
    const { connect } = await open({ fm: { websocket: { pingIntervalMs: 400 } } });

    const deaf = await connect('', undefined, { autoPong: false });
    const alive = await connect();
    const closed = await deaf.closed;
    await new Promise((r) => setTimeout(r, 800));

    expect(closed.code).toBe(1006);
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
  });

  it('does not let a slow reader grow the server buffer past the limit, and loses nothing', async () => {
    const { connect, h } = await open({ fm: { websocket: { maxBufferedBytes: 1024 } } });
    // ~12 MB of 4 kB tokens: more than the kernel's socket buffers can absorb for a paused reader.
    const words = Array.from({ length: 3_000 }, (_, i) => `${i}:${'x'.repeat(4_000)}`);
    h.fake.script({ reply: words.join(' '), times: 1 });
    // The server side of the connection, as TCP sees it: bytes Node still holds for the slow reader.
    const sockets: Socket[] = [];
    h.app.server.on('connection', (socket: Socket) => sockets.push(socket));
    const ws = await connect();
    await ws.waitFor((m) => m.type === 'ready');
    const server = sockets.at(-1)!;

    (ws.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    ws.send({ type: 'chat', id: 'big', message: 'everything', model: 'llama', max_tokens: 100_000 });
    let peak = 0;
    for (let i = 0; i < 100; i++) {
      peak = Math.max(peak, server.writableLength);
      await new Promise((r) => setTimeout(r, 10));
    }
    (ws.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    const turn = await ws.turn('big');

    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(1024 + 4_100);
    expect(turn.filter((m) => m.type === 'chunk').map((m) => m.text).join('')).toBe(words.join(' '));
  }, 60_000);
});
