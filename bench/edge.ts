/**
 * The edge's cost: a bare Fastify route vs Hashi's /healthz vs an
 * authenticated, rate-limited route (/v1/whoami with an API key), each served
 * by its own child process and loaded with autocannon from this one.
 *   npx tsx bench/edge.ts [seconds=8] [connections=50]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environment, round, writeResult } from './support/report.ts';
import { load } from './support/load.ts';
import { ROOT, spawnServer } from './support/processes.ts';

const duration = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'hashi-bench-edge-'));
const config = join(dir, 'hashi.yaml');
// A plan so generous it never refuses: the limiter runs on every request but the
// benchmark measures its cost, not its refusals.
writeFileSync(config, 'log:\n  level: warn\nplans:\n  default: { rps: 1000000, burst: 1000000, dailyQuota: 1000000000 }\n');

try {
  const bare = await spawnServer(['--import', 'tsx', 'bench/support/bare-server.ts']);
  const bareResult = await load('bare fastify route', `${bare.url}/bare`, { duration, connections });
  await bare.stop();

  const key = JSON.parse(execFileSync(process.execPath, ['bin/hashi.js', 'keys', 'create', '--tenant', 'bench', '--json', '--config', config, '--data-dir', dir], { cwd: ROOT, encoding: 'utf8' })) as { key: string };
  const hashi = await spawnServer(['bin/hashi.js', 'serve', '--config', config, '--data-dir', dir, '--port', '0']);
  const health = await load('hashi /healthz', `${hashi.url}/healthz`, { duration, connections });
  const authed = await load('hashi /v1/whoami (API key + plan)', `${hashi.url}/v1/whoami`, { duration, connections, headers: { authorization: `Bearer ${key.key}` } });
  await hashi.stop();

  const file = writeResult('edge', {
    benchmark: 'HTTP edge overhead: bare Fastify route vs hashi /healthz vs authenticated + rate-limited /v1/whoami',
    command: `npx tsx bench/edge.ts ${duration} ${connections}`,
    ...environment(['autocannon']),
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
