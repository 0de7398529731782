import { createServer as createHttp1Server, type IncomingMessage } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest } from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { Exchange, TimerBag, type AnyResponse } from './exchange.ts';
import { handle } from './handle.ts';
import { isStream, matchRoute } from './routes.ts';
import { DEFAULT_BEHAVIOUR, ScriptBook } from './scripts.ts';
import type { FakeScript, FakeUpstream, FakeUpstreamOptions, RecordedRequest } from './types.ts';

const DEFAULT_MODELS = ['fake-small', 'fake-large', 'fake-embedding'];

/**
 * One local HTTP server that speaks Bedrock runtime, Anthropic Messages and
 * OpenAI Chat Completions closely enough for the official SDKs to run
 * against it unchanged. Behaviour is scripted per test; see README.md.
 */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const record = options.record ?? true;
  const models = options.models ?? DEFAULT_MODELS;
  const book = new ScriptBook(options.requireAuth ? { ...DEFAULT_BEHAVIOUR, requireAuth: options.requireAuth } : DEFAULT_BEHAVIOUR);
  const timers = new TimerBag();
  const requests: RecordedRequest[] = [];
  let received = 0;
  let inFlight = 0;
  let sequence = 0;
  let waiters: { count: number; resolve: () => void }[] = [];

  const notify = (): void => {
    if (waiters.length === 0) return;
    const ready = waiters.filter((w) => received >= w.count);
    waiters = waiters.filter((w) => received < w.count);
    for (const w of ready) w.resolve();
  };

  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: AnyResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      dispatch(req, res, raw).catch((err: unknown) => {
        if (res.closed) return;
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake upstream bug: ${String(err)}` }));
      });
    });
  };

  const dispatch = async (req: IncomingMessage | Http2ServerRequest, res: AnyResponse, raw: Buffer): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = matchRoute(req.method ?? 'GET', path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `no such endpoint: ${req.method} ${path}` }));
      return;
    }
    let body: any;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
    }
    const recorded: RecordedRequest = {
      api: route.api,
      dialect: route.dialect,
      method: req.method ?? 'GET',
      path: route.modelId === undefined ? path : path.replace(/^\/model\/[^/]+/, `/model/${route.modelId}`),
      modelId: route.modelId ?? (typeof body?.model === 'string' ? body.model : undefined),
      stream: isStream(route.api, body),
      // Node builds the headers object on first read: unread (record: false, no auth required) it costs nothing.
      get headers() {
        return req.headers;
      },
      body,
      rawBody: raw,
    };
    if (record) requests.push(recorded);
    received += 1;
    notify();
    sequence += 1;
    await handle({
      ex: new Exchange(res, timers),
      req: recorded,
      bodyBytes: raw.length,
      behaviour: book.take(route.dialect),
      id: `fake_${sequence.toString(36)}`,
      created: 1_700_000_000 + sequence,
      models,
    });
  };

  // One port for both protocols: the AWS SDK speaks HTTP/2 with prior
  // knowledge (h2c here), fetch-based SDKs speak HTTP/1.1. The first bytes
  // of a connection tell them apart.
  const h1 = createHttp1Server({ keepAliveTimeout: 30_000 }, onRequest);
  const h2 = createHttp2Server({}, onRequest);
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      // The HTTP/2 session drains the buffered bytes itself (on the next tick); HTTP/1.1 needs a resume.
      if (first.subarray(0, 4).toString('latin1') === 'PRI ') h2.emit('connection', socket);
      else {
        h1.emit('connection', socket);
        socket.resume();
      }
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const port = (front.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests(): readonly RecordedRequest[] {
      return requests;
    },
    get inFlight(): number {
      return inFlight;
    },
    script(script: FakeScript): void {
      book.add(script);
    },
    reset(): void {
      book.reset();
      requests.length = 0;
      received = 0;
      // Response and tool-call ids count from 1 again, so a test can name them.
      sequence = 0;
    },
    waitForRequests(count: number): Promise<void> {
      if (received >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      timers.releaseAll();
      await closed;
    },
  };
}
