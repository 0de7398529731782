#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx registers the loader), so a fresh
// clone needs no build step: `npm ci && npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
