import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { pgUrl } from '../support/backends.ts';
import { startWorker } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashi-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
vi.setConfig({ testTimeout: 120_000 });

// The worker's own timers are unref'd (they must not hold up a drain): on SQLite nothing
// else kept the process alive, and it exited with status 0 about 4.5 s after starting.
async function runsUntilSignalled(configYaml: string): Promise<void> {
  const config = join(dir, `worker-${Math.random().toString(36).slice(2, 8)}.yaml`);
  writeFileSync(config, configYaml);
  const worker = await startWorker(['-c', config, '-d', join(dir, 'data')]);
  try {
    await sleep(6_500);
    expect({ exitCode: worker.child.exitCode, signal: worker.child.signalCode }).toEqual({ exitCode: null, signal: null });
  } finally {
    expect(await worker.stop('SIGTERM')).toBe(0);
  }
  expect(worker.output()).toContain('SIGTERM received: draining');
}

describe('hashi worker is a long-running process', () => {
  it('on SQLite: still running after 6.5 s, drains and exits 0 on SIGTERM', async () => {
    await runsUntilSignalled('log:\n  level: warn\n');
  });

  it.skipIf(!pgUrl)('on PostgreSQL [postgres]: still running after 6.5 s, drains and exits 0 on SIGTERM', async () => {
    const schema = `hashi_wk_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    try {
      await runsUntilSignalled(`log:\n  level: warn\nstore:\n  url: "${pgUrl}"\n  schema: ${schema}\n`);
    } finally {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});
