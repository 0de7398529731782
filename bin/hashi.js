#!/usr/bin/env node
// Runs the compiled dist/ when it is up to date with src/ (`npm ci` and
// `npm start` compile it: scripts/build.mjs), else the TypeScript sources
// through tsx — so a fresh clone, an edited checkout and CI all run.
import { isFresh } from '../scripts/build-state.mjs';

if (isFresh()) {
  // Stack traces point into the TypeScript, through the maps beside each file.
  process.setSourceMapsEnabled(true);
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
