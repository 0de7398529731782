// Compiles src/ to dist/ — one ES module per TypeScript file, same layout,
// relative `.ts` imports rewritten to `.js`, source maps beside — with
// esbuild. bin/hashi.js runs dist/ when it is fresh and the sources through
// tsx otherwise. Why compile at all: tsx transpiles with esbuild's keepNames
// (every function and closure created at run time also pays a
// defineProperty), which doubled the FM pipeline's CPU per call in
// bench/pipeline-micro.ts; a compiled start also skips the loader.
//   node scripts/build.mjs [--if-stale]
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import { ASSET, DIST, isFresh, ROOT, SRC, sources } from './build-state.mjs';

if (process.argv.includes('--if-stale') && isFresh()) process.exit(0);

const started = Date.now();
const { files, newest, count } = sources();
const result = buildSync({
  entryPoints: files.filter((f) => f.endsWith('.ts')),
  outbase: SRC,
  outdir: DIST,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  sourcemap: 'external',
  keepNames: false,
  write: false,
  logLevel: 'error',
});

// Build into a fresh folder, then swap it in: a process starting meanwhile sees the old dist/ or the new one.
const staging = `${DIST}.building-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
const RELATIVE_TS = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"\n]+?)\.ts\2/g;
for (const out of result.outputFiles) {
  const target = join(staging, relative(DIST, out.path));
  mkdirSync(dirname(target), { recursive: true });
  const text = out.path.endsWith('.js') ? out.text.replace(RELATIVE_TS, '$1$2$3.js$2') : out.text;
  writeFileSync(target, text);
}
for (const asset of files.filter((f) => ASSET.test(f))) {
  const target = join(staging, relative(SRC, asset));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(asset, target);
}
writeFileSync(join(staging, '.build.json'), `${JSON.stringify({ count, newest, files: files.map((f) => relative(SRC, f)), esbuild: 'buildSync', builtAt: new Date().toISOString() })}\n`);
rmSync(`${DIST}.old`, { recursive: true, force: true });
try {
  renameSync(DIST, `${DIST}.old`);
} catch {
  // No dist/ yet.
}
renameSync(staging, DIST);
rmSync(`${DIST}.old`, { recursive: true, force: true });
if (!process.argv.includes('--quiet')) process.stdout.write(`compiled ${count} files to ${relative(ROOT, DIST)}/ in ${Date.now() - started} ms\n`);
