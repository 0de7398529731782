import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Client } from 'undici';
import WebSocket from 'ws';
import { readEnvironment } from '../../src/config/index.ts';
import { archiveOperations } from '../../src/aws/eventbridge/archives.ts';
import { busOperations } from '../../src/aws/eventbridge/buses.ts';
import { putEventsOperations } from '../../src/aws/eventbridge/put-events.ts';
import { replayOperations } from '../../src/aws/eventbridge/replays.ts';
import { ruleOperations } from '../../src/aws/eventbridge/rules.ts';
import { targetOperations } from '../../src/aws/eventbridge/targets.ts';
import { batchOperations } from '../../src/aws/sqs/batch.ts';
import { messageOperations } from '../../src/aws/sqs/messages.ts';
import { queueOperations } from '../../src/aws/sqs/queues.ts';
import { Corpus, operationsOf, type Credentials, type FuzzRequest, type Operation } from './corpus.ts';
import { badWsFrames, badWsMessages, rawCase, rawExchange, slowCase, slowHeadersCase, wsFrame } from './raw.ts';
import { Rng } from './rng.ts';

// The fuzz run: boots `hashi serve` as a child process on a fresh store, sends
// malformed requests at every route it declares while polling /healthz and
// sampling the child's RSS, and returns the figures. The test asserts on them.

const BIN = fileURLToPath(new URL('../../bin/hashi.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_KEY = 'fuzz-admin-key';
const SECRETS = { stripe: 'whsec_fuzz_stripe', reviews: 'fuzz-reviews-secret', catalog: 'fuzz-catalog-secret' };
/** Node's default (and the server's) body timeout: slow clients must be closed by then. */
export const BODY_TIMEOUT_MS = 30_000;
const BODY_LIMIT = 262_144;

export interface FuzzOptions {
  store: 'sqlite' | 'postgres';
  requests: number;
  seed: number;
  pgUrl?: string;
  /** Node flags for the child (e.g. a heap limit while hunting a leak). */
  nodeArgs?: string[];
  /** server.memoryHeadroomMb for the child (the default unless set; 0 measures without the governor). */
  memoryHeadroomMb?: number;
  /** Slow clients (trickled bodies, unfinished headers) held open during the run; 4 unless set. */
  slowClients?: number;
  /** Called with the child's pid once it listens (to signal it, e.g. for heap snapshots). */
  onBoot?: (pid: number) => void;
  /** Awaited after the run, before the child is stopped. */
  beforeStop?: (pid: number) => Promise<void>;
  /** Print progress every 5 s. */
  verbose?: boolean;
}

export interface Failure {
  status: number | string;
  request: string;
  response: string;
  /** The whole request (HTTP lane), to send again while fixing. */
  replay?: FuzzRequest;
}

export interface FuzzReport {
  store: string;
  seed: number;
  requests: { total: number; http: number; raw: number; websocketFrames: number };
  statuses: Record<string, number>;
  kinds: Record<string, number>;
  failures: Failure[];
  /** Client-side errors (the server closed a connection mid-request, a timeout): counted, not failures. */
  clientErrors: Record<string, number>;
  healthz: { polls: number; failed: number; maxLatencyMs: number };
  rss: { startMb: number; peakMb: number; endMb: number; samples: number };
  slowClients: { count: number; maxCloseMs: number; notClosed: number };
  durationMs: number;
  requestsPerSecond: number;
  childAlive: boolean;
  /** Lines the child logged at error level or above (the first few). */
  errorLogs: string[];
  operations: number;
}

const CONFIG = (store: string, memoryHeadroomMb?: number) => `
server: { host: 127.0.0.1, port: 0${memoryHeadroomMb === undefined ? '' : `, memoryHeadroomMb: ${memoryHeadroomMb}`} }
log: { level: info }
admin: { key: ${ADMIN_KEY} }
${store}
plans:
  default: { rps: 10, burst: 20, dailyQuota: 100000 }
  fuzz: { rps: 1000000, burst: 1000000, dailyQuota: 0 }
aws: { allowUnsigned: true, unsignedTenant: fuzz }
sources:
  stripe: { scheme: stripe, secrets: ["${SECRETS.stripe}"] }
  reviews:
    scheme: hmac
    secrets: ["${SECRETS.reviews}"]
    hmac: { signatureHeader: X-Webhook-Signature, timestampHeader: X-Webhook-Timestamp, encoding: hex, payload: timestamp.body }
    idempotencyKey: { field: review_id }
  catalog:
    scheme: hmac
    secrets: ["${SECRETS.catalog}"]
    hmac: { signatureHeader: X-Catalog-Signature, timestampHeader: X-Catalog-Timestamp, encoding: hex, payload: timestamp.body }
    idempotencyKey: { field: batch_id }
manga:
  sources: { payments: stripe, reviews: reviews, catalog: catalog }
subscriptions:
  - { id: fuzz-sink, url: "http://127.0.0.1:9/sink", secret: "whsec_ZnV6ei1zdWJzY3JpcHRpb24tc2VjcmV0", pattern: { source: [{ prefix: "" }] } }
webhooks:
  outbound: { allow: [127.0.0.1] }
`;

interface Child {
  child: ChildProcess;
  origin: string;
  port: number;
  errorLogs: string[];
}

/** Starts `hashi serve`; its log is drained as it comes (nothing kept but error lines). */
async function boot(config: string, dataDir: string, nodeArgs: string[]): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--config', config], {
    cwd: ROOT,
    env: { PATH: readEnvironment().vars.PATH ?? '', HOME: readEnvironment().vars.HOME ?? '', HASHI_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errorLogs: string[] = [];
  let head = '';
  const collect = (d: Buffer) => {
    const text = d.toString('utf8');
    if (head.length < 20_000) head += text;
    if (errorLogs.length < 20 && /"level":(5|6)0/.test(text)) {
      for (const line of text.split('\n')) if (/"level":(5|6)0/.test(line) && errorLogs.length < 20) errorLogs.push(line.slice(0, 2000));
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${head}`)), 60_000);
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(head);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${head}`));
    });
  });
  return { child, origin, port: Number(new URL(origin).port), errorLogs };
}

function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function createSchema(url: string, schema: string, drop: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The lock test/support/backends.ts takes: Kysely's migrator trips over a schema being dropped.
    await client.query('select pg_advisory_lock(20201)');
    await client.query(drop ? `DROP SCHEMA IF EXISTS "${schema}" CASCADE` : `CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.query('select pg_advisory_unlock(20201)').catch(() => undefined);
    await client.end();
  }
}

const describeRequest = (r: FuzzRequest) =>
  `#${r.index ?? '-'} ${r.kind}: ${r.method} ${r.path.slice(0, 300)} ${JSON.stringify(Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.slice(0, 120)])))} ${r.body === undefined ? '' : JSON.stringify(r.body.slice(0, 400))}${(r.body?.length ?? 0) > 400 ? `… (${r.body!.length} chars)` : ''}`;

/** A status that fails the run: any 5xx but a deliberate 503 (draining, breaker open) or 504 (deadline). */
export const isFailure = (status: number) => status >= 500 && status !== 503 && status !== 504;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'hashi-fuzz-'));
  const schema = `hashi_fuzz_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const storeYaml = options.store === 'postgres' ? `store: { url: "${options.pgUrl}", schema: ${schema} }` : '';
  if (options.store === 'postgres') await createSchema(options.pgUrl!, schema, false);
  const config = join(dir, 'hashi.yaml');
  writeFileSync(config, CONFIG(storeYaml, options.memoryHeadroomMb));
  const server = await boot(config, join(dir, 'data'), options.nodeArgs ?? []);
  const { child, origin, port } = server;
  const pid = child.pid!;
  options.onBoot?.(pid);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exit ${code ?? ''}${signal ?? ''}`));

  const rng = new Rng(options.seed);
  const statuses: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  const clientErrors: Record<string, number> = {};
  const failures: Failure[] = [];
  const count = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  const fail = (status: number | string, request: string, response: string, replay?: FuzzRequest) => {
    if (failures.length < 200) failures.push({ status, request, response: response.slice(0, 800), ...(replay ? { replay } : {}) });
  };

  const side = new Client(origin, { headersTimeout: 10_000, bodyTimeout: 10_000 });
  try {
    // A key on the generous plan, so the traffic reaches the routes instead of a 429.
    const created = await side.request({ method: 'POST', path: '/admin/keys', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'fuzz', plan: 'fuzz', name: 'fuzz' }) });
    const apiKey = ((await created.body.json()) as { key: string }).key;
    const openapi = (await (await side.request({ method: 'GET', path: '/openapi.json' })).body.json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const models = (await (await side.request({ method: 'GET', path: '/v1/models', headers: { authorization: `Bearer ${apiKey}` } })).body.json()) as { data?: Array<{ id: string }> };
    const ops: Operation[] = operationsOf(openapi);
    // Routes served but not (yet) in the document are fuzzed too.
    for (const extra of [{ method: 'GET', path: '/openapi.json' }, { method: 'GET', path: '/docs' }, { method: 'GET', path: '/v1/chat/ws' }]) {
      if (!ops.some((o) => o.method === extra.method && o.path === extra.path)) ops.push({ ...extra, params: [], query: [] });
    }
    const creds: Credentials = {
      adminKey: ADMIN_KEY,
      apiKey,
      model: models.data?.[0]?.id ?? 'haiku',
      sources: {
        stripe: { scheme: 'stripe', secret: SECRETS.stripe },
        reviews: { scheme: 'hmac', secret: SECRETS.reviews, signatureHeader: 'X-Webhook-Signature', timestampHeader: 'X-Webhook-Timestamp' },
        catalog: { scheme: 'hmac', secret: SECRETS.catalog, signatureHeader: 'X-Catalog-Signature', timestampHeader: 'X-Catalog-Timestamp' },
      },
      awsTargets: [
        ...[putEventsOperations, ruleOperations, targetOperations, busOperations, archiveOperations, replayOperations].flatMap((t) => Object.keys(t).map((op) => `AWSEvents.${op}`)),
        ...[queueOperations, messageOperations, batchOperations].flatMap((t) => Object.keys(t).map((op) => `AmazonSQS.${op}`)),
      ],
    };
    const corpus = new Corpus(ops, creds, options.seed, origin, BODY_LIMIT);
    const bearer = `Bearer ${apiKey}`;

    // Samplers: RSS every 200 ms, /healthz every 500 ms on its own connection.
    const rss = { start: rssMb(pid) ?? 0, peak: 0, end: 0, samples: 0 };
    const rssTimer = setInterval(() => {
      const mb = rssMb(pid);
      if (mb === undefined) return;
      rss.samples++;
      rss.peak = Math.max(rss.peak, mb);
    }, 200);
    const health = { polls: 0, failed: 0, maxLatencyMs: 0 };
    let polling = true;
    const poller = (async () => {
      const client = new Client(origin, { headersTimeout: 5_000, bodyTimeout: 5_000 });
      while (polling) {
        const t0 = performance.now();
        try {
          const res = await client.request({ method: 'GET', path: '/healthz' });
          await res.body.dump();
          if (res.statusCode !== 200) health.failed++;
        } catch {
          health.failed++;
        }
        health.polls++;
        health.maxLatencyMs = Math.max(health.maxLatencyMs, Math.round(performance.now() - t0));
        await new Promise((r) => setTimeout(r, 500));
      }
      await client.close();
    })();

    const started = performance.now();
    const rawShare = Math.max(1, Math.floor(options.requests * 0.04));
    const wsShare = Math.max(1, Math.floor(options.requests * 0.02));
    const httpShare = options.requests - rawShare - wsShare;
    const paths = ops.map((o) => o.path.replace(/\{[^}]+\}/g, 'x'));

    // Slow clients, started first: they hold their sockets until the server's timeouts close them.
    const slow = { count: 0, maxCloseMs: 0, notClosed: 0 };
    const slowRuns = Array.from({ length: options.slowClients ?? 4 }, (_, i) => {
      const c = i % 2 === 0 ? slowCase(paths[i * 7 % paths.length]!, bearer, 500, 200) : slowHeadersCase(paths[i * 5 % paths.length]!, 500, 200);
      slow.count++;
      return rawExchange(port, c.chunks, { gapMs: c.gapMs, end: false, timeoutMs: BODY_TIMEOUT_MS + 15_000 }).then((res) => {
        if (res.closedAfterMs === undefined) slow.notClosed++;
        else slow.maxCloseMs = Math.max(slow.maxCloseMs, res.closedAfterMs);
        count(kinds, c.kind);
        count(statuses, res.status === undefined ? 'closed' : String(res.status));
        if (res.status !== undefined && isFailure(res.status)) fail(res.status, `${c.kind} ${String(c.chunks[0]).slice(0, 200)}`, res.head);
      });
    });

    // HTTP through undici: 32 senders, each with its own keep-alive connection (an
    // undici Client), kept busy. Per-sender connections say which request came
    // before a stuck one, which a shared pool would not.
    let next = 0;
    const recent: string[] = [];
    const inFlight = new Set<{ req: FuzzRequest; at: number; previous?: FuzzRequest }>();
    const httpLane = async () => {
      const client = new Client(origin, { pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000, keepAliveTimeout: 60_000 });
      let previous: FuzzRequest | undefined;
      while (next < httpShare && !exited) {
        const req = corpus.request(next++);
        count(kinds, req.kind.split('+')[0]!);
        const flight = { req, at: performance.now(), previous };
        previous = req;
        inFlight.add(flight);
        try {
          const res = await client.request({ method: req.method, path: req.path, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}) });
          const text = await res.body.text();
          count(statuses, String(res.statusCode));
          if (options.verbose) {
            recent.push(`${res.statusCode} ${describeRequest(req).slice(0, 300)}`);
            if (recent.length > 6) recent.shift();
          }
          if (isFailure(res.statusCode)) fail(res.statusCode, describeRequest(req), text, req);
        } catch (err) {
          const code = (err as { code?: string }).code ?? (err as Error).name;
          // Requests undici refuses to send never reach the server: named with the reason, so the corpus can be fixed.
          count(clientErrors, code === 'UND_ERR_INVALID_ARG' ? `${code}: ${(err as Error).message.slice(0, 80)}` : code);
          if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') fail(code, describeRequest(req), String(err));
        } finally {
          inFlight.delete(flight);
        }
      }
      await client.close();
    };

    // Raw sockets: what undici will not send.
    let rawNext = 0;
    const rawLane = async () => {
      while (rawNext++ < rawShare && !exited) {
        const c = rawCase(rng, rng.pick(paths), rng.chance(0.8) ? bearer : 'Bearer nope');
        count(kinds, c.kind);
        const res = await rawExchange(port, c.chunks, { end: c.end, timeoutMs: BODY_TIMEOUT_MS + 10_000 });
        count(statuses, res.status === undefined ? 'closed' : String(res.status));
        if (res.status !== undefined && isFailure(res.status)) fail(res.status, `${c.kind} ${String(c.chunks[0]).slice(0, 300)}`, res.head);
        if (res.closedAfterMs === undefined) fail('not-closed', `${c.kind} ${String(c.chunks[0]).slice(0, 300)}`, res.head);
      }
    };

    // WebSocket: protocol-valid frames with bad content, and frames that break the protocol.
    let wsSent = 0;
    const wsLane = async () => {
      while (wsSent < wsShare && !exited) {
        if (rng.chance(0.3)) {
          wsSent += await rawWebSocket(port, apiKey, rng, count, kinds, statuses, fail);
        } else {
          wsSent += await chatWebSocket(origin, apiKey, creds.model, rng, Math.min(40, wsShare - wsSent), count, kinds, statuses, fail);
        }
      }
    };

    const progress = options.verbose
      ? setInterval(() => console.log(`fuzz ${options.store} t=${Math.round(performance.now() - started)}ms http=${next}/${httpShare} raw=${rawNext}/${rawShare} ws=${wsSent}/${wsShare} slow=${JSON.stringify(slow)} rss=${Math.round(rss.peak)} statuses=${JSON.stringify(statuses)} errors=${JSON.stringify(clientErrors)}${[...inFlight].filter((f) => performance.now() - f.at > 5_000).slice(0, 40).map((f) => `\n  stuck ${Math.round(performance.now() - f.at)}ms: ${describeRequest(f.req)}\n     after ${f.previous ? describeRequest(f.previous) : '-'}`).join('')}\n  recent:\n   ${recent.join('\n   ')}`), 5_000)
      : undefined;
    await Promise.all([...Array.from({ length: 32 }, httpLane), ...Array.from({ length: 4 }, rawLane), wsLane(), ...slowRuns]);
    const durationMs = Math.round(performance.now() - started);
    clearInterval(progress);
    polling = false;
    await poller;
    clearInterval(rssTimer);
    rss.end = rssMb(pid) ?? 0;
    // One more request after everything: the server still answers.
    const after = await side.request({ method: 'GET', path: '/healthz' }).then(
      async (r) => (await r.body.dump(), r.statusCode),
      () => 0,
    );
    if (after !== 200) health.failed++;
    const total = next + rawNext - 1 + wsSent + slow.count;
    return {
      store: options.store,
      seed: options.seed,
      requests: { total, http: next, raw: rawNext - 1 + slow.count, websocketFrames: wsSent },
      statuses,
      kinds,
      failures,
      clientErrors,
      healthz: health,
      rss: { startMb: Math.round(rss.start), peakMb: Math.round(rss.peak), endMb: Math.round(rss.end), samples: rss.samples },
      slowClients: slow,
      durationMs,
      requestsPerSecond: Math.round((total / durationMs) * 1000),
      childAlive: exited === undefined && child.exitCode === null && child.signalCode === null,
      errorLogs: server.errorLogs,
      operations: ops.length,
    };
  } finally {
    await options.beforeStop?.(pid);
    await side.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
    if (options.store === 'postgres') await createSchema(options.pgUrl!, schema, true).catch(() => undefined);
  }
}

type Count = (map: Record<string, number>, key: string) => void;
type Fail = (status: number | string, request: string, response: string) => void;

/** One chat WebSocket sending up to `frames` bad text frames; returns how many were sent. */
async function chatWebSocket(origin: string, apiKey: string, model: string, rng: Rng, frames: number, count: Count, kinds: Record<string, number>, statuses: Record<string, number>, fail: Fail): Promise<number> {
  const auth = rng.next();
  const url = `${origin.replace('http', 'ws')}/v1/chat/ws${auth < 0.5 ? `?api_key=${encodeURIComponent(apiKey)}` : auth < 0.6 ? '?api_key=nope' : auth < 0.65 ? '?api_key=%00' : ''}`;
  const ws = new WebSocket(url, { headers: auth >= 0.65 && auth < 0.95 ? { authorization: `Bearer ${apiKey}` } : {} });
  const sent: string[] = [];
  let n = 0;
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), 20_000);
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      count(statuses, `ws-handshake-${res.statusCode}`);
      if (isFailure(res.statusCode ?? 0)) fail(res.statusCode ?? 0, `ws handshake ${url}`, '');
      ws.terminate();
    });
    ws.on('message', (data) => {
      const text = data.toString();
      let msg: { type?: string; code?: string; status?: number };
      try {
        msg = JSON.parse(text) as typeof msg;
      } catch {
        return;
      }
      if (msg.type === 'error') {
        count(statuses, `ws-error-${msg.status ?? msg.code}`);
        if (msg.code === 'INTERNAL' || (typeof msg.status === 'number' && isFailure(msg.status))) fail(`ws-${msg.status ?? msg.code}`, `ws frames: ${sent.slice(-3).map((s) => s.slice(0, 200)).join(' | ')}`, text);
      }
    });
    ws.on('open', async () => {
      for (; n < frames && ws.readyState === ws.OPEN; n++) {
        const frame = badWsMessages(rng, model);
        sent.push(frame);
        count(kinds, 'ws-message');
        if (rng.chance(0.05)) ws.send(Buffer.from(frame), { binary: true });
        else ws.send(frame);
        await new Promise((r) => setTimeout(r, rng.int(3)));
      }
      // Let the last turns answer, then close.
      await new Promise((r) => setTimeout(r, 50));
      ws.close(1000);
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      count(statuses, `ws-close-${code}`);
      if (code === 1011) fail('ws-1011', `ws frames: ${sent.slice(-3).map((s) => s.slice(0, 200)).join(' | ')}`, '');
      resolve(Math.max(1, n));
    });
  });
}

/** A hand-made handshake, then a frame that breaks the protocol; the server must close with a protocol code, not 1011. */
async function rawWebSocket(port: number, apiKey: string, rng: Rng, count: Count, kinds: Record<string, number>, statuses: Record<string, number>, fail: Fail): Promise<number> {
  const bad = badWsFrames(rng);
  count(kinds, bad.kind);
  const handshake = `GET /v1/chat/ws?api_key=${encodeURIComponent(apiKey)} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
  // A valid ping first (so the handshake's answer arrives), then the bad frame(s).
  const res = await rawExchange(port, [handshake, wsFrame(1, Buffer.from('{"type":"ping"}')), ...bad.frames], { gapMs: 30, end: false, timeoutMs: 10_000 });
  const closeCode = closeCodeOf(res.head);
  count(statuses, closeCode === undefined ? `ws-raw-${res.status ?? 'none'}` : `ws-close-${closeCode}`);
  if (closeCode === 1011 || (res.status !== undefined && isFailure(res.status))) fail(`ws-${closeCode ?? res.status}`, bad.kind, res.head);
  return 1 + bad.frames.length;
}

/** The status code of a close frame sent by the server (unmasked), found after the 101 response. */
function closeCodeOf(head: string): number | undefined {
  const bytes = Buffer.from(head, 'latin1');
  const start = bytes.indexOf('\r\n\r\n');
  if (start < 0) return undefined;
  let i = start + 4;
  while (i + 1 < bytes.length) {
    const opcode = bytes[i]! & 0x0f;
    let len = bytes[i + 1]! & 0x7f;
    let off = i + 2;
    if (len === 126) {
      len = bytes.readUInt16BE(off);
      off += 2;
    } else if (len === 127) return undefined;
    if (opcode === 8) return len >= 2 && off + 2 <= bytes.length ? bytes.readUInt16BE(off) : 1005;
    i = off + len;
  }
  return undefined;
}
