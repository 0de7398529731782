/**
 * The edge's cost: a bare Fastify route vs Hashi's /healthz vs an
 * authenticated, rate-limited route (/v1/whoami with an API key), each served
 * by its own child process and loaded with autocannon from this one.
 *   npx tsx bench/edge.ts [seconds=8] [connections=50] [rounds=2]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { environment, round, writeResult } from './support/report.ts';
import { load, type LoadResult } from './support/load.ts';
import { ROOT, spawnServer } from './support/processes.ts';

const duration = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 50);
const ROUNDS = Number(process.argv[4] ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'hashi-bench-edge-'));
const config = join(dir, 'hashi.yaml');
// A plan so generous it never refuses: the limiter runs on every request but the
// benchmark measures its cost, not its refusals.
writeFileSync(config, 'log:\n  level: warn\nplans:\n  default: { rps: 1000000, burst: 1000000, dailyQuota: 1000000000 }\n');

const loadBefore = loadavg().map((n) => round(n, 2));

try {
  const bare = await spawnServer(['--import', 'tsx', 'bench/support/bare-server.ts']);
  const key = JSON.parse(execFileSync(process.execPath, ['bin/hashi.js', 'keys', 'create', '--tenant', 'bench', '--json', '--config', config, '--data-dir', dir], { cwd: ROOT, encoding: 'utf8' })) as { key: string };
  const hashi = await spawnServer(['bin/hashi.js', 'serve', '--config', config, '--data-dir', dir, '--port', '0']);
  // Rounds interleave the three targets (both servers stay up, idle when not
  // loaded) and the best round of each counts, so a burst of load from
  // elsewhere on the machine does not land on one target only.
  const best = new Map<string, LoadResult>();
  for (let round = 0; round < ROUNDS; round++) {
    const results = [
      await load('bare fastify route', `${bare.url}/bare`, { duration, connections }),
      await load('hashi /healthz', `${hashi.url}/healthz`, { duration, connections }),
      await load('hashi /v1/whoami (API key + plan)', `${hashi.url}/v1/whoami`, { duration, connections, headers: { authorization: `Bearer ${key.key}` } }),
    ];
    for (const r of results) if ((best.get(r.label)?.reqPerSec ?? -1) < r.reqPerSec) best.set(r.label, r);
  }
  await bare.stop();
  await hashi.stop();
  const [bareResult, health, authed] = [...best.values()] as [LoadResult, LoadResult, LoadResult];

  const file = writeResult('edge', {
    benchmark: 'HTTP edge overhead: bare Fastify route vs hashi /healthz vs authenticated + rate-limited /v1/whoami',
    command: `npx tsx bench/edge.ts ${duration} ${connections} ${ROUNDS}`,
    ...environment(['autocannon']),
    // 1-, 5- and 15-minute load averages: a busy machine (the client shares it) lowers every number.
    loadAverage: { before: loadBefore, after: loadavg().map((n) => round(n, 2)) },
    rounds: ROUNDS,
    results: [bareResult, health, authed],
    ratios: {
      healthzToBare: round(health.reqPerSec / bareResult.reqPerSec, 3),
      authenticatedToBare: round(authed.reqPerSec / bareResult.reqPerSec, 3),
    },
  });
  console.log(`authenticated/bare = ${round(authed.reqPerSec / bareResult.reqPerSec, 3)}; wrote ${file}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
