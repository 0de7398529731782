// Rewrites the error-code table in README.md from every `*_CODES` table in src/
// (test/error-codes.test.ts fails when a code is missing): `npm run docs:errors`.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /(^|\/)(errors|codes)\.ts$/.test(p) ? [p] : [];
  });

const rows: string[] = [];
const seen = new Set<unknown>();
const seenCodes = new Set<string>();
for (const file of walk('src').sort()) {
  const mod = (await import(pathToFileURL(join(process.cwd(), file)).href)) as Record<string, unknown>;
  for (const [name, table] of Object.entries(mod)) {
    const isTable = typeof table === 'object' && table !== null && Object.values(table).every((v) => typeof v === 'object' && v !== null && 'description' in v);
    if (!name.endsWith('_CODES') || !isTable || seen.has(table)) continue;
    seen.add(table);
    for (const [code, spec] of Object.entries(table as Record<string, { status: number; description: string }>)) {
      if (seenCodes.has(code)) continue;
      seenCodes.add(code);
      rows.push(`| \`${code}\` | ${spec.status} | ${spec.description.replace(/\|/g, '\\|')} | ${relative('src', file).split('/')[0]} |`);
    }
  }
}
const table = ['| code | HTTP | meaning | where |', '| --- | --- | --- | --- |', ...rows].join('\n');
const readme = readFileSync('README.md', 'utf8');
const start = '<!-- error-codes:start -->';
const end = '<!-- error-codes:end -->';
const next = readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`);
writeFileSync('README.md', next);
console.log(`README.md: ${rows.length} error codes`);
