/**
 * The FM gateway against the ceiling, in one run on one machine: the fake
 * upstream called directly (no proxy at all), a minimal Node pass-through
 * proxy (bench/support/minimal-proxy.ts: the ceiling for any gateway), and
 * Hashi's OpenAI-compatible route with auth, usage plan, a USD budget
 * (reserve + settle on every call), usage rows and InferenceCompleted on,
 * cache off — JSON and SSE, at 1 and 50 connections (wrk, one thread).
 * Each server runs in its own process; CPU per call and memory are read
 * from /proc. `--baseline DIR` adds the Hashi of another checkout (e.g. the
 * commit before a change) to the same run.
 *   npx tsx bench/fm-gateway.ts [seconds per run=10] [--baseline DIR]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { startFakeUpstream } from '../test/support/fake-upstream/index.ts';
import { cpuMs, memoryMb } from './support/proc.ts';
import { ROOT, spawnServer } from './support/processes.ts';
import { environment, percentile, round, writeResult } from './support/report.ts';
import { wrk, type WrkResult } from './support/wrk.ts';

const REPLY = 'Volume 105 of One Piece ships tomorrow from the Osaka warehouse.';

if (process.argv.includes('--serve-fake')) {
  // Child mode: the fake upstream alone in its process, recording nothing.
  const fake = await startFakeUpstream({ record: false });
  fake.script({ reply: REPLY, usage: { inputTokens: 30, outputTokens: 11 } });
  process.stdout.write(`listening on ${fake.url}\n`);
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
} else {
  await main();
}

interface Target {
  name: string;
  url: string;
  pid: number;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const baselineAt = args.indexOf('--baseline');
  const baseline = baselineAt >= 0 ? resolve(args[baselineAt + 1]!) : undefined;
  const seconds = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--baseline') ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'hashi-bench-fm-'));
  const loadBefore = loadavg().map((l) => round(l));
  const stops: (() => Promise<void>)[] = [];
  try {
    const fake = await spawnServer(['--import', 'tsx', 'bench/fm-gateway.ts', '--serve-fake']);
    stops.push(fake.stop);
    const proxy = await spawnServer(['--import', 'tsx', 'bench/support/minimal-proxy.ts', fake.url]);
    stops.push(proxy.stop);
    const json = { 'content-type': 'application/json' };
    const targets: Target[] = [
      { name: 'direct', url: fake.url, pid: fake.child.pid!, headers: json },
      { name: 'proxy', url: proxy.url, pid: proxy.child.pid!, headers: json },
    ];
    const trees = [{ name: 'hashi', root: ROOT }, ...(baseline ? [{ name: 'hashi-baseline', root: baseline }] : [])];
    for (const tree of trees) {
      const data = join(dir, tree.name);
      const config = join(dir, `${tree.name}.yaml`);
      writeFileSync(config, hashiYaml(fake.url));
      const flags = ['--config', config, '--data-dir', data];
      const cli = join(tree.root, 'bin', 'hashi.js');
      const { key } = JSON.parse(execFileSync(process.execPath, [cli, 'keys', 'create', '--tenant', 'bench', '--json', ...flags], { cwd: tree.root, encoding: 'utf8' })) as { key: string };
      const server = await spawnServer([cli, 'serve', ...flags, '--port', '0'], {}, tree.root);
      stops.push(server.stop);
      targets.push({ name: tree.name, url: server.url, pid: server.child.pid!, headers: { ...json, authorization: `Bearer ${key}` } });
    }

    const runs: Record<string, unknown>[] = [];
    const firstByte: Record<string, unknown> = {};
    for (const mode of ['json', 'stream'] as const) {
      const body = JSON.stringify({
        model: 'bench',
        messages: [{ role: 'user', content: 'When does volume 105 ship?' }],
        max_tokens: 64,
        ...(mode === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}),
      });
      for (const t of targets) await wrk(`warm-up ${t.name}`, `${t.url}/v1/chat/completions`, { connections: 8, seconds: 2, body, headers: t.headers });
      if (mode === 'stream') for (const t of targets) firstByte[t.name] = await timeToFirstByte(`${t.url}/v1/chat/completions`, body, t.headers);
      for (const connections of [1, 50]) {
        const row: Record<string, unknown> = { mode, connections };
        for (const t of targets) {
          const cpuBefore = cpuMs(t.pid);
          const r = await wrk(`${t.name} ${mode} c=${connections}`, `${t.url}/v1/chat/completions`, { connections, seconds, body, headers: t.headers });
          row[t.name] = summary(r, (cpuMs(t.pid) - cpuBefore) / Math.max(1, r.requests));
        }
        runs.push(withRatios(row));
      }
    }
    const memory = Object.fromEntries(targets.map((t) => [t.name, memoryMb(t.pid)]));
    const file = writeResult('fm-gateway', {
      benchmark: 'FM gateway vs a minimal pass-through proxy and the upstream direct (OpenAI Chat Completions, JSON and SSE)',
      command: `npx tsx bench/fm-gateway.ts ${seconds}${baseline ? ' --baseline <checkout>' : ''}`,
      ...environment(['undici', 'openai']),
      setup: {
        upstream: 'test/support/fake-upstream in its own process, no latency, 11-word reply (11 SSE deltas + usage chunk when streamed)',
        proxy: 'bench/support/minimal-proxy.ts: node:http + undici pool, body forwarded, response streamed back; no auth or accounting',
        hashi: 'hashi serve in its own process: SQLite store, API key + usage plan, USD budget limit (reserve + settle per call), usage rows, InferenceCompleted published to the bus (demo apps off, so nothing consumes them), response cache off',
        load: `wrk -t1 from this process, ${seconds} s per run after a 2 s warm-up; latency = time to the complete response (whole stream for SSE); cpuMsPerCall = the server process's user+system CPU / requests`,
        baseline: baseline ? `hashi-baseline: the same configuration served from ${baseline}` : undefined,
      },
      loadAverage: { before: loadBefore, after: loadavg().map((l) => round(l)) },
      runs,
      streamFirstByteMs: firstByte,
      memoryMbAfterLoad: memory,
    });
    console.log(`wrote ${file}`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function hashiYaml(fakeUrl: string): string {
  const fm = {
    providers: [{ name: 'fake', type: 'openai', baseUrl: `${fakeUrl}/v1`, apiKey: 'none' }],
    models: { bench: { provider: 'fake', model: 'bench-model', maxTokens: 64, price: { inputPerMillion: 0.25, outputPerMillion: 1.25 } } },
    routing: { defaultModel: 'bench' },
    cache: { enabled: false },
    budgets: { tenant: { dailyUsd: 1_000_000 } },
    resilience: { concurrency: { maxConcurrent: 512, maxPending: 512 } },
  };
  return [
    'log:\n  level: warn',
    'plans:\n  default: { rps: 1000000, burst: 1000000, dailyQuota: 1000000000 }',
    // The demo apps off: MangaAssist's analytics consume every InferenceCompleted (a job and its SQL per call),
    // which is the app's work, not the gateway's. The events are still published to the bus and its log.
    'support:\n  enabled: false',
    'manga:\n  enabled: false',
    `fm: ${JSON.stringify(fm)}`,
  ].join('\n') + '\n';
}

function summary(r: WrkResult, cpuMsPerCall: number) {
  return { reqPerSec: r.reqPerSec, latencyMs: r.latencyMs, cpuMsPerCall: round(cpuMsPerCall, 4), non2xx: r.non2xx, socketErrors: r.socketErrors };
}

type Summary = ReturnType<typeof summary>;

/** Throughput against the proxy (the ceiling) and latency added over the direct call, for each gateway in the row. */
function withRatios(row: Record<string, unknown>): Record<string, unknown> {
  const direct = row.direct as Summary;
  const proxy = row.proxy as Summary;
  for (const name of Object.keys(row)) {
    if (!name.startsWith('hashi')) continue;
    const h = row[name] as Summary & Record<string, unknown>;
    h.throughputVsProxy = round(h.reqPerSec / proxy.reqPerSec, 3);
    h.addedLatencyMs = { p50: round(h.latencyMs.p50 - direct.latencyMs.p50, 3), p99: round(h.latencyMs.p99 - direct.latencyMs.p99, 3) };
  }
  (proxy as Summary & Record<string, unknown>).addedLatencyMs = { p50: round(proxy.latencyMs.p50 - direct.latencyMs.p50, 3), p99: round(proxy.latencyMs.p99 - direct.latencyMs.p99, 3) };
  return row;
}

/** Milliseconds to the first body byte of a streamed answer, one request at a time (after 50 warm-up requests). */
async function timeToFirstByte(url: string, body: string, headers: Record<string, string>) {
  const samples: number[] = [];
  for (let i = 0; i < 350; i++) {
    const started = performance.now();
    const res = await request(url, { method: 'POST', headers, body });
    let first = 0;
    for await (const _chunk of res.body) {
      if (first === 0) first = performance.now() - started;
    }
    if (i >= 50) samples.push(first);
  }
  samples.sort((a, b) => a - b);
  return { requests: samples.length, p50: round(percentile(samples, 50), 3), p99: round(percentile(samples, 99), 3) };
}
