/**
 * The FM gateway's added latency and throughput: the fake upstream called
 * directly (baseline) vs the same request through Hashi's OpenAI-compatible
 * route (auth, plan, budget reserve/settle in SQLite, routing, resilience,
 * the openai SDK to the fake, usage row, InferenceCompleted on the bus), for
 * JSON and streamed completions at 1, 50 and 200 concurrent clients.
 * Hashi and the fake each run in their own child process; autocannon loads
 * them from this one.
 *   npx tsx bench/fm-gateway.ts [seconds per run=5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeUpstream } from '../test/support/fake-upstream/index.ts';
import { load, type LoadResult } from './support/load.ts';
import { ROOT, spawnServer } from './support/processes.ts';
import { environment, percentile, round, writeResult } from './support/report.ts';

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

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const levels = [1, 50, 200];
  const dir = mkdtempSync(join(tmpdir(), 'hashi-bench-fm-'));
  const loadBefore = loadavg().map((l) => round(l));
  const fake = await spawnServer(['--import', 'tsx', 'bench/fm-gateway.ts', '--serve-fake']);
  try {
    const config = join(dir, 'hashi.yaml');
    writeFileSync(config, hashiYaml(fake.url));
    const hashiArgs = ['--config', config, '--data-dir', dir];
    const { key } = JSON.parse(execFileSync(process.execPath, ['bin/hashi.js', 'keys', 'create', '--tenant', 'bench', '--json', ...hashiArgs], { cwd: ROOT, encoding: 'utf8' })) as { key: string };
    const hashi = await spawnServer(['bin/hashi.js', 'serve', ...hashiArgs, '--port', '0']);
    try {
      const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const plain = { authorization: 'Bearer none', 'content-type': 'application/json' };
      const overheadHeader = await sampleOverhead(`${hashi.url}/v1/chat/completions`, auth);
      const runs: Record<string, unknown>[] = [];
      for (const mode of ['json', 'stream'] as const) {
        const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'When does volume 105 ship?' }], max_tokens: 64, ...(mode === 'stream' ? { stream: true, stream_options: { include_usage: true } } : {}) });
        for (const connections of levels) {
          const opts = { duration: seconds, connections, method: 'POST' as const, body };
          const direct = await load(`fake direct ${mode} c=${connections}`, `${fake.url}/v1/chat/completions`, { ...opts, headers: plain });
          const through = await load(`hashi ${mode} c=${connections}`, `${hashi.url}/v1/chat/completions`, { ...opts, headers: auth });
          runs.push(compare(mode, connections, direct, through));
        }
      }
      const file = writeResult('fm-gateway', {
        benchmark: 'FM gateway added latency and throughput: fake upstream direct vs through Hashi /v1/chat/completions (openai-compatible provider → fake)',
        command: `npx tsx bench/fm-gateway.ts ${seconds}`,
        ...environment(['autocannon', 'openai', '@fastify/websocket']),
        setup: {
          upstream: 'test/support/fake-upstream in its own process, no latency, 11-word reply (11 SSE deltas when streamed)',
          hashi: 'hashi serve in its own process: SQLite store, response cache off (every request reaches the provider), budgets tracked (reserve + settle per call), usage rows, InferenceCompleted published, concurrency limit 512',
          load: `autocannon from this process, ${seconds} s per run; latency = time to the complete response (whole stream for SSE)`,
        },
        // The machine is shared: other processes' load (1/5/15-minute averages) skews absolute numbers; ratios are from the same run.
        loadAverage: { before: loadBefore, after: loadavg().map((l) => round(l)) },
        gatewayReportedOverheadMs: overheadHeader,
        runs,
      });
      console.log(`wrote ${file}`);
    } finally {
      await hashi.stop();
    }
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function hashiYaml(fakeUrl: string): string {
  const fm = {
    providers: [{ name: 'fake', type: 'openai', baseUrl: `${fakeUrl}/v1`, apiKey: 'none' }],
    models: { bench: { provider: 'fake', model: 'bench-model', maxTokens: 64, price: { inputPerMillion: 0.25, outputPerMillion: 1.25 } } },
    routing: { defaultModel: 'bench' },
    cache: { enabled: false },
    resilience: { concurrency: { maxConcurrent: 512, maxPending: 512 } },
  };
  return [
    'log:\n  level: warn',
    'plans:\n  default: { rps: 1000000, burst: 1000000, dailyQuota: 1000000000 }',
    'support:\n  enabled: false',
    `fm: ${JSON.stringify(fm)}`,
  ].join('\n') + '\n';
}

function compare(mode: string, connections: number, direct: LoadResult, through: LoadResult) {
  return {
    mode,
    connections,
    direct: { reqPerSec: direct.reqPerSec, latencyMs: direct.latencyMs, non2xx: direct.non2xx, errors: direct.errors },
    hashi: { reqPerSec: through.reqPerSec, latencyMs: through.latencyMs, non2xx: through.non2xx, errors: through.errors },
    addedLatencyMs: { p50: round(through.latencyMs.p50 - direct.latencyMs.p50), p99: round(through.latencyMs.p99 - direct.latencyMs.p99) },
    throughputRatio: round(through.reqPerSec / direct.reqPerSec, 3),
    latencyRatioP50: direct.latencyMs.p50 > 0 ? round(through.latencyMs.p50 / direct.latencyMs.p50, 2) : null,
  };
}

/** x-hashi-overhead-ms (total minus provider wait) as the gateway itself reports it, one request at a time. */
async function sampleOverhead(url: string, headers: Record<string, string>) {
  const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'warm-up and overhead sample' }], max_tokens: 64 });
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const res = await fetch(url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    if (i >= 50) samples.push(Number(res.headers.get('x-hashi-overhead-ms')));
  }
  samples.sort((a, b) => a - b);
  return { requests: samples.length, p50: percentile(samples, 50), p90: percentile(samples, 90), p99: percentile(samples, 99) };
}
