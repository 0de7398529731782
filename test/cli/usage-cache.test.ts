import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fmMigrations, UsageRepository } from '../../src/fm/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { openStore } from '../../src/store/index.ts';
import { runCli } from '../support/cli.ts';

describe('hashi usage: prompt-cache tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hashi-usage-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows cache read and write tokens in the table and the JSON', async () => {
    const store = await openStore({ url: `sqlite:${join(dir, 'hashi.db')}`, dataDir: dir });
    await store.migrate(fmMigrations);
    const usage = new UsageRepository({ store, clock: new FakeClock() });
    const call = { at: Date.UTC(2026, 0, 1), tenant: 'acme', model: 'sonnet', provider: 'anthropic', providerModel: 'claude', outputTokens: 20, latencyMs: 5, providerWaitMs: 4, cached: false, costUsd: 0.01, stopReason: 'end_turn', attempts: 1, fallbackUsed: false };
    usage.record({ ...call, inputTokens: 100, cacheReadTokens: 9000, cacheWriteTokens: 1200 });
    usage.record({ ...call, inputTokens: 100, cacheReadTokens: 9000 });
    await usage.flush();
    await store.close();
    const config = join(dir, 'cli.yaml');
    writeFileSync(config, 'log:\n  level: silent\n');

    const [table, json] = await Promise.all([
      runCli(['usage', '--config', config, '--data-dir', dir]),
      runCli(['usage', '--config', config, '--data-dir', dir, '--json']),
    ]);

    expect(table.stdout).toMatch(/cost\s+cache read\s+cache write/);
    expect(table.stdout).toMatch(/sonnet\s+2\s+0\s+200\s+40\s+\$0\.020000\s+18000\s+1200/);
    expect(JSON.parse(json.stdout).totals).toMatchObject({ inputTokens: 200, cacheReadTokens: 18000, cacheWriteTokens: 1200 });
  }, 90_000);
});
