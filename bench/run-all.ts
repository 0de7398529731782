/**
 * Runs every benchmark in turn, each in its own process with its default
 * arguments (`npm run bench`); each writes bench/results/<name>.json.
 * PostgreSQL rows are included when HASHI_TEST_PG_URL is set.
 *   npm run bench [-- name …]
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from './support/processes.ts';

const ALL: Array<{ name: string; args?: string[]; node?: string[] }> = [
  { name: 'patterns' },
  { name: 'queue' },
  { name: 'events-e2e' },
  { name: 'webhooks' },
  { name: 'edge' },
  { name: 'fm-gateway' },
  { name: 'search-scifact' },
  // Measures CPU per query with forced GCs between rounds.
  { name: 'search-latency', node: ['--expose-gc'] },
  { name: 'manga-chat' },
  { name: 'cli-startup' },
];

const only = process.argv.slice(2);
const chosen = only.length > 0 ? ALL.filter((b) => only.includes(b.name)) : ALL;
const unknown = only.filter((name) => !ALL.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')} (known: ${ALL.map((b) => b.name).join(', ')})\n`);
  process.exit(2);
}
let failed = 0;
for (const bench of chosen) {
  process.stdout.write(`\n== ${bench.name}\n`);
  const run = spawnSync(process.execPath, [...(bench.node ?? []), '--import', 'tsx', `bench/${bench.name}.ts`, ...(bench.args ?? [])], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    process.stderr.write(`${bench.name} failed (exit ${run.status ?? run.signal})\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
