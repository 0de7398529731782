// Regenerates hashi.default.yaml and schema/hashi.schema.json from the schema
// (a test fails when they are stale): `npm run config:generate`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const run = (...args) => execFileSync(process.execPath, ['bin/hashi.js', ...args], { encoding: 'utf8' });
writeFileSync('hashi.default.yaml', run('config', 'defaults'));
mkdirSync('schema', { recursive: true });
writeFileSync('schema/hashi.schema.json', run('config', 'schema'));
console.log('wrote hashi.default.yaml and schema/hashi.schema.json');
