// What dist/ was compiled from, and whether src/ has changed since: shared by
// scripts/build.mjs (which writes it) and bin/hashi.js (which reads it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
export const STATE_FILE = join(DIST, '.build.json');

/** Files the program imports besides TypeScript (JSON Schemas): copied to dist/ as they are. */
export const ASSET = /\.json$/;

/** The sources that run — TypeScript (tests are not compiled) and assets — with the newest change. */
export function sources() {
  const files = [];
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) || ASSET.test(entry.name)) {
        files.push(path);
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(SRC);
  return { files, newest, count: files.length };
}

/** The state a fresh dist/ must have been built from: the same files, none newer. */
export function isFresh() {
  let state;
  try {
    state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return false;
  }
  const now = sources();
  return state.count === now.count && state.newest === now.newest && state.files?.join('\n') === now.files.map((f) => relative(SRC, f)).join('\n');
}
