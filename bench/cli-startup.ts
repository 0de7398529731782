/**
 * CLI start-up: wall time of `node bin/hashi.js …` from spawn to exit, for
 * `--help`, `config check FILE`, the offline `events test-pattern`, and
 * `keys list` against a migrated SQLite data dir; and from spawn to the
 * "listening on" line of `hashi serve --port 0` (then SIGTERM, untimed).
 * Next to the floors of the same run: bare `node`, and node + the tsx loader
 * importing a one-line .ts file. What the loader costs on a big graph:
 * importing the composition root (src/main.ts, every capability) through tsx,
 * against one esbuild bundle of the same files (packages left external) that
 * plain node imports.
 *
 * With a second checkout (e.g. a `git worktree` of an older commit, its
 * node_modules symlinked) it measures both, runs interleaved, and reports the
 * ratio before/after per command, so machine load hits both sides alike.
 *
 *   npx tsx bench/cli-startup.ts [runs=11] [baselineCheckout]
 * Writes bench/results/cli-startup.json.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { readEnvironment } from '../src/config/index.ts';
import { ROOT } from './support/processes.ts';
import { environment, percentile, round, writeResult } from './support/report.ts';

const RUNS = Number(process.argv[2] ?? 11);
const BASELINE = process.argv[3] ? resolve(process.argv[3]) : undefined;

const dir = mkdtempSync(join(tmpdir(), 'hashi-cli-bench-'));
const config = join(dir, 'hashi.yaml');
writeFileSync(config, 'server:\n  port: 9999\n');
const trivial = join(dir, 'trivial');
mkdirSync(trivial);
writeFileSync(join(trivial, 'package.json'), '{"type":"module"}\n');
writeFileSync(join(trivial, 'one.ts'), 'export const one: number = 1;\n');
const tsxApi = import.meta.resolve('tsx/esm/api');
writeFileSync(join(trivial, 'entry.mjs'), `import { register } from '${tsxApi}';\nregister();\nawait import('./one.ts');\n`);

// The bundle sits where src/main.ts would, beside a package.json and node_modules, so its relative reads still work.
const bundled = join(dir, 'bundled');
mkdirSync(join(bundled, 'src'), { recursive: true });
copyFileSync(join(ROOT, 'package.json'), join(bundled, 'package.json'));
symlinkSync(join(ROOT, 'node_modules'), join(bundled, 'node_modules'));
await build({ entryPoints: [join(ROOT, 'src', 'main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(bundled, 'src', 'main.mjs'), logLevel: 'warning' });
const IMPORT_ROOT = {
  tsx: ['--input-type=module', '-e', `import { register } from '${tsxApi}';\nregister();\nawait import('${pathToFileURL(join(ROOT, 'src', 'main.ts')).href}');`],
  bundle: ['--input-type=module', '-e', `await import('${pathToFileURL(join(bundled, 'src', 'main.mjs')).href}');`],
};

interface Tree {
  label: 'before' | 'after';
  root: string;
  dataDir: string;
}

const trees: Tree[] = [
  ...(BASELINE ? [{ label: 'before' as const, root: BASELINE, dataDir: join(dir, 'data-before') }] : []),
  { label: 'after', root: ROOT, dataDir: join(dir, 'data-after') },
];

/** What a user runs; cwd is a scratch folder so no ./hashi.yaml is picked up. */
const COMMANDS: Record<string, string[]> = {
  help: ['--help'],
  'config check': ['config', 'check', config],
  'events test-pattern': ['events', 'test-pattern', '--pattern', '{"source":["a"]}', '--event', '{"source":"a"}'],
  'keys list': ['keys', 'list', '--json', '--config', config],
};

/** The server on a free port, against the same migrated data dir. */
const SERVE = ['serve', '--port', '0', '--config', config];

const { vars } = readEnvironment();

function env(tree: Tree): Record<string, string> {
  const out: Record<string, string> = { HASHI_DATA_DIR: tree.dataDir };
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (vars[k] !== undefined) out[k] = vars[k];
  return out;
}

function timeOnce(args: string[], tree: Tree): number {
  const started = performance.now();
  const res = spawnSync(process.execPath, args, { cwd: dir, env: env(tree), stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  if (res.status !== 0) throw new Error(`${args.join(' ')} (${tree.label}) exited ${res.status}: ${String(res.stderr)}`);
  return ms;
}

const bin = (tree: Tree) => join(tree.root, 'bin', 'hashi.js');

/** Spawn to the "listening on" line: what a restart or a deploy waits for. The server is then stopped, untimed. */
async function timeServe(tree: Tree): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin(tree), ...SERVE], { cwd: dir, env: env(tree), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let out = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve (${tree.label}) did not listen within 60 s: ${out}`)), 60_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (/listening on /.test(out)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      });
      child.stderr.on('data', (d) => (out += d));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve (${tree.label}) exited ${code} before listening: ${out}`));
      });
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
const commit = (root: string) => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty = (root: string) => execFileSync('git', ['status', '--porcelain', '--', 'src', 'bin'], { cwd: root, encoding: 'utf8' }).trim() !== '';

const samples = new Map<string, number[]>();
const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);

const loadBefore = loadavg()[0]!;
// Migrate each data dir, and warm tsx's transform cache, outside the measurement.
for (const tree of trees) {
  execFileSync(process.execPath, [bin(tree), 'migrate', '--config', config], { cwd: dir, env: env(tree), stdio: 'ignore' });
  for (const args of Object.values(COMMANDS)) timeOnce([bin(tree), ...args], tree);
  await timeServe(tree);
}
timeOnce([join(trivial, 'entry.mjs')], trees.at(-1)!);
for (const args of Object.values(IMPORT_ROOT)) timeOnce(args, trees.at(-1)!);

for (let i = 0; i < RUNS; i++) {
  add('floor: node -e 0', timeOnce(['-e', '0'], trees.at(-1)!));
  add('floor: node + tsx + one .ts', timeOnce([join(trivial, 'entry.mjs')], trees.at(-1)!));
  for (const [how, args] of Object.entries(IMPORT_ROOT)) add(`import src/main.ts: ${how}`, timeOnce(args, trees.at(-1)!));
  for (const [name, args] of Object.entries(COMMANDS)) for (const tree of trees) add(`${tree.label}: ${name}`, timeOnce([bin(tree), ...args], tree));
  for (const tree of trees) add(`${tree.label}: serve`, await timeServe(tree));
}
const loadAfter = loadavg()[0]!;
rmSync(dir, { recursive: true, force: true });

function stats(key: string) {
  const xs = [...(samples.get(key) ?? [])].sort((a, b) => a - b);
  return { medianMs: round(percentile(xs, 50), 0), minMs: round(xs[0] ?? 0, 0), maxMs: round(xs.at(-1) ?? 0, 0) };
}

const floors = { nodeOnly: stats('floor: node -e 0'), nodeWithTsxLoader: stats('floor: node + tsx + one .ts') };
const compositionRoot = { viaTsx: stats('import src/main.ts: tsx'), viaEsbuildBundle: stats('import src/main.ts: bundle') };
const loader = { ...compositionRoot, tsxOverBundle: round(compositionRoot.viaTsx.medianMs / compositionRoot.viaEsbuildBundle.medianMs, 2) };
const commands = Object.fromEntries(
  Object.entries({ ...COMMANDS, serve: SERVE }).map(([name, args]) => {
    const after = stats(`after: ${name}`);
    const before = BASELINE ? stats(`before: ${name}`) : undefined;
    return [name, { args: ['hashi', ...args.map((a) => (a === config ? '<tmp>/hashi.yaml' : a))].join(' '), ...(before ? { before } : {}), after, ...(before ? { speedup: round(before.medianMs / after.medianMs, 2) } : {}) }];
  }),
);

const result = {
  benchmark: 'CLI start-up: spawn to exit of node bin/hashi.js, median of interleaved runs',
  command: `npx tsx bench/cli-startup.ts ${RUNS}${BASELINE ? ' <worktree of the baseline commit>' : ''}`,
  ...environment(['tsx', 'esbuild', 'commander']),
  runs: RUNS,
  loadAverage1m: { start: round(loadBefore), end: round(loadAfter) },
  trees: Object.fromEntries(trees.map((t) => [t.label, { commit: commit(t.root), uncommittedSrcChanges: dirty(t.root) }])),
  notes: [
    'tsx transform cache warmed by one untimed run of each command per tree',
    'keys list runs against a SQLite data dir migrated beforehand; it opens Hashi (createHashi) like every store command',
    'serve: spawn to its "listening on" line (port 0, same data dir and offline-only config), then SIGTERM and wait for exit, untimed',
    'floors: node alone, and node + tsx/esm/api register() + one trivial .ts module: the part no CLI change can remove',
    'importCompositionRoot: node importing src/main.ts (every capability, and the provider SDKs before they were loaded on first call; what each store command pays) through tsx, vs an esbuild bundle of the same sources with packages external: the difference is the per-module cost of the tsx loader',
  ],
  floors,
  importCompositionRoot: loader,
  commands,
};
console.log(JSON.stringify({ floors, importCompositionRoot: loader, commands }, null, 2));
console.log(`wrote ${writeResult('cli-startup', result)}`);
