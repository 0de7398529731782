import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ErrorCodeSpec } from '../src/kernel/index.ts';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = walk(SRC);
const sources = files.filter((f) => !f.endsWith('.test.ts') && !f.endsWith('contract.ts'));

// Maps such as reason → code are not code tables: a table's values are all {status, description}.
function isCodeTable(value: unknown): value is Record<string, ErrorCodeSpec> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((v) => typeof v === 'object' && v !== null && 'status' in v && 'description' in v);
}

async function collectTables(): Promise<Map<string, { spec: ErrorCodeSpec; table: string }[]>> {
  const codes = new Map<string, { spec: ErrorCodeSpec; table: string }[]>();
  const seen = new Set<unknown>();
  for (const file of sources.filter((f) => /(^|\/)(errors|codes)\.ts$/.test(f))) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      // A table re-exported by another module is the same object: count it once.
      if (!name.endsWith('_CODES') || !isCodeTable(value) || seen.has(value)) continue;
      seen.add(value);
      for (const [code, spec] of Object.entries(value as Record<string, ErrorCodeSpec>)) {
        codes.set(code, [...(codes.get(code) ?? []), { spec, table: `${relative(SRC, file)}#${name}` }]);
      }
    }
  }
  return codes;
}

describe('error codes', () => {
  it('are unique across tables, each with an HTTP status and a description', async () => {
    const codes = await collectTables();
    expect(codes.size).toBeGreaterThan(10);
    for (const [code, entries] of codes) {
      // A capability may gather its parts' tables into one; the same code may not mean two things.
      const meanings = new Set(entries.map((e) => `${e.spec.status} ${e.spec.description}`));
      expect([...meanings], `${code} is defined differently in ${entries.map((e) => e.table).join(', ')}`).toHaveLength(1);
      const { spec } = entries[0]!;
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(spec.status, code).toBeGreaterThanOrEqual(100);
      expect(spec.description.length, `${code} needs a description`).toBeGreaterThan(10);
    }
  });

  it('cover every code thrown in src/', async () => {
    const codes = await collectTables();
    const thrown = new Map<string, string>();
    const pattern = /(?:Error|HashiError)\(\s*'([A-Z][A-Z0-9_]+)'/g;
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(pattern)) thrown.set(m[1]!, relative(SRC, file));
    }
    const undocumented = [...thrown].filter(([code]) => !codes.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(undocumented).toEqual([]);
  });

  it('are all listed in the README', async () => {
    const codes = await collectTables();
    const missing = [...codes.keys()].filter((code) => !README.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
