/**
 * Inbound webhooks: verified + de-duplicated + durably accepted deliveries per
 * second, on SQLite and (when HASHI_TEST_PG_URL is set) PostgreSQL, against the
 * real server (`hashi serve`, a child process) with autocannon; next to a bare
 * Fastify route (another child process) measured in the same run.
 *
 * Every request is a unique, pre-generated Stripe delivery (signed with the
 * stripe library), so each one is verified, claims a new idempotency key, and
 * commits in one transaction: the raw delivery, its event, that event's
 * delivery job (one rule matches it), and the completed key (on SQLite,
 * concurrent accepts share that transaction: group commit); a second source
 * whose events no rule matches measures the same without the job. A last pass
 * re-sends the accepted deliveries: every one is answered `already_processed`.
 *
 *   HASHI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/webhooks.ts [seconds=8] [connections=16]
 * Writes bench/results/webhooks.json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import Stripe from 'stripe';
import { readEnvironment } from '../src/config/index.ts';
import { ROOT, startServer } from '../test/support/cli.ts';
import { environment, round, writeResult } from './support/report.ts';

const SECONDS = Number(process.argv[2] ?? 8);
const CONNECTIONS = Number(process.argv[3] ?? 16);
const WARMUP_SECONDS = 2;
const SECRET = 'whsec_bench_0123456789abcdef0123456789';

interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** Unique signed deliveries, made before the clock starts (the load generator only picks the next one). */
function pregenerate(prefix: string, count: number): Delivery[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({ id: `evt_${prefix}_${i}`, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: `pi_${i}`, amount: 1200 + (i % 100), currency: 'jpy' } } });
    return { body, headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp }) } };
  });
}

interface Measured {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  poolExhausted: boolean;
}

async function load(url: string, pool: Delivery[], seconds: number): Promise<Measured> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: autocannon.Request) => {
          const d = pool[next++ % pool.length]!;
          return { ...req, headers: d.headers, body: d.body };
        },
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
  return {
    requestsPerSec: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    statuses,
    errors: result.errors + result.timeouts,
    poolExhausted: next > pool.length,
  };
}

/**
 * Delivery jobs still waiting or running, from the server's /metrics: read
 * right after the accepted phase, it says whether the workers kept up with the
 * accepts (a throughput bought by starving them would show here).
 */
async function deliveryBacklog(serverUrl: string): Promise<number> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text();
  const value = (metric: string) => Number(new RegExp(`^${metric}\\{type="events\\.deliver"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return value('hashi_queue_depth') + value('hashi_queue_in_flight');
}

/** Waits (up to `maxSeconds`) until no delivery job is waiting or running; returns the seconds it took. */
async function drained(serverUrl: string, maxSeconds = 120): Promise<number> {
  const started = performance.now();
  while ((await deliveryBacklog(serverUrl)) > 0 && performance.now() - started < maxSeconds * 1000) await new Promise((r) => setTimeout(r, 100));
  return round((performance.now() - started) / 1000);
}

/** A pool comfortably larger than what `seconds` can use at `perSecond`. */
const poolSize = (seconds: number, perSecond = 3000) => Math.max(5000, seconds * perSecond);

async function bareFastify(): Promise<Measured> {
  const code = [
    "import Fastify from 'fastify';",
    'const app = Fastify({ logger: false });',
    "app.post('/bare', async (request, reply) => reply.code(202).send({ status: 'accepted', id: request.body.id }));",
    "const url = await app.listen({ host: '127.0.0.1', port: 0 });",
    "console.log('listening on ' + url);",
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /listening on (\S+)/.exec(String(d));
        if (m) resolve(m[1]!);
      });
      child.on('exit', (c) => reject(new Error(`bare server exited ${c}`)));
    });
    await load(`${url}/bare`, pregenerate('bare_warm', poolSize(WARMUP_SECONDS, 15_000)), WARMUP_SECONDS);
    return await load(`${url}/bare`, pregenerate('bare', poolSize(SECONDS, 15_000)), SECONDS);
  } finally {
    child.kill('SIGTERM');
  }
}

async function hashi(backend: 'sqlite' | 'postgres', pgUrl?: string): Promise<{ edge: Measured; bare: Measured; accepted: Measured; backlog: number; drainSeconds: number; duplicates: Measured }> {
  const dir = mkdtempSync(join(tmpdir(), 'hashi-bench-webhooks-'));
  const schema = `hashi_bench_${process.pid}`;
  const config = join(dir, 'hashi.yaml');
  writeFileSync(
    config,
    [
      'log:\n  level: warn',
      backend === 'postgres' ? `store:\n  url: "${pgUrl}"\n  schema: ${schema}\n  poolSize: 16` : '',
      `sources:\n  stripe: { scheme: stripe, secrets: ["${SECRET}"] }\n  plain: { scheme: stripe, secrets: ["${SECRET}"] }`,
      // One rule matches the events of `stripe` (not `plain`), so each of its accepts also writes a delivery job (the outbox).
      'events:\n  rules:\n    - { Name: bench-sink, EventPattern: { source: [webhooks.stripe] }, Targets: [{ Id: sink, Arn: "queue:bench-sink" }] }',
      '',
    ].join('\n'),
  );
  const server = await startServer(['--config', config, '--data-dir', join(dir, 'data')]);
  try {
    const url = `${server.url}/webhooks/stripe`;
    await load(`${server.url}/webhooks/plain`, pregenerate(`${backend}_warm`, poolSize(WARMUP_SECONDS)), WARMUP_SECONDS);
    // The edge alone: same requests, a source that does not exist (404 before any verification or SQL).
    const edge = await load(`${server.url}/webhooks/unknown`, pregenerate(`${backend}_edge`, poolSize(SECONDS, 10_000)), SECONDS / 2);
    // No rule matches: the delivery, its event and the key (no delivery job).
    const bare = await load(`${server.url}/webhooks/plain`, pregenerate(`${backend}_plain`, poolSize(SECONDS)), SECONDS);
    const pool = pregenerate(backend, poolSize(SECONDS));
    const accepted = await load(url, pool, SECONDS);
    const backlog = await deliveryBacklog(server.url);
    // The duplicates run on an idle queue, as the phases before them did.
    const drainSeconds = await drained(server.url);
    // The same deliveries again: verified, then answered from the completed key.
    const duplicates = await load(url, pool.slice(0, accepted.requests), SECONDS);
    return { edge, bare, accepted, backlog, drainSeconds, duplicates };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    if (backend === 'postgres') {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
}

const env = readEnvironment();
// The machine may be shared: the load average before and after says how much to trust the numbers.
const loadBefore = loadavg().map((l) => round(l));
const bare = await bareFastify();
console.log(JSON.stringify({ bare }));
const results: Array<Record<string, unknown>> = [];
for (const backend of env.testPgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
  const r = await hashi(backend, env.testPgUrl);
  const row = {
    backend,
    acceptedPerSec: r.accepted.requestsPerSec,
    acceptedP50Ms: r.accepted.p50Ms,
    acceptedP99Ms: r.accepted.p99Ms,
    ratioToBareFastify: round(r.accepted.requestsPerSec / bare.requestsPerSec, 3),
    deliveryJobsBacklogAfterAccepted: r.backlog,
    drainSeconds: r.drainSeconds,
    acceptedAndDeliveredPerSec: round(r.accepted.requests / (SECONDS + r.drainSeconds)),
    edge404PerSec: r.edge.requestsPerSec,
    withoutJobPerSec: r.bare.requestsPerSec,
    withoutJobP50Ms: r.bare.p50Ms,
    withoutJobP99Ms: r.bare.p99Ms,
    duplicatesPerSec: r.duplicates.requestsPerSec,
    duplicatesP50Ms: r.duplicates.p50Ms,
    duplicatesP99Ms: r.duplicates.p99Ms,
    accepted: r.accepted,
    withoutJob: r.bare,
    edge404: r.edge,
    duplicates: r.duplicates,
  };
  console.log(JSON.stringify(row));
  results.push(row);
}
const file = writeResult('webhooks', {
  benchmark:
    'POST /webhooks/:source on `hashi serve` (child process): verify the Stripe signature over the raw bytes, claim the idempotency key, one transaction (raw delivery + event + its delivery job + completed key; on SQLite concurrent accepts share it, group commit), 202 (accepted*); delivery jobs left waiting or running right after (deliveryJobsBacklogAfterAccepted: did the workers keep up), the seconds until they all ran (drainSeconds), and so the rate at which deliveries were both accepted and delivered (acceptedAndDeliveredPerSec); the same without a matching rule, so no delivery job (withoutJob*); then the accepted deliveries again (duplicates*: already_processed); and an unknown source (edge404*: the Hashi edge and route without verification or SQL). Baseline: a bare Fastify POST route (JSON body, 202) in another child process. Workers run in the server as in production (they process the delivery jobs meanwhile).',
  command: `HASHI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/webhooks.ts ${SECONDS} ${CONNECTIONS}`,
  ...environment(['autocannon', 'stripe']),
  settings: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, sqlite: 'WAL, synchronous=NORMAL, accepts group-committed', postgres: 'pool 16, synchronous_commit default (on)' },
  loadAverage: { before: loadBefore, after: loadavg().map((l) => round(l)) },
  bareFastify: bare,
  results,
});
console.log(`wrote ${file}`);
