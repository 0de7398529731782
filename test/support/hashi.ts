import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type HashiConfig } from '../../src/config/index.ts';
import type { Clock } from '../../src/kernel/index.ts';
import { createHashi, type Hashi } from '../../src/main.ts';
import { silentLogger, type Logger } from '../../src/observability/index.ts';

export const ADMIN_KEY = 'test-admin-key';

/** A validated config for tests: a fresh data dir, an admin key, quiet logs. */
export function testConfig(yaml = '', env: Record<string, string> = {}): HashiConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'hashi-it-'));
  const base = `admin:\n  key: ${ADMIN_KEY}\nlog:\n  level: silent\n`;
  return loadConfig({ text: `${base}${yaml}`, env, overrides: { dataDir } });
}

/** A Hashi with its HTTP edge built (not listening); `close` removes everything. */
export async function testHashi(options: { yaml?: string; clock?: Clock; http?: boolean; logger?: Logger } = {}): Promise<Hashi & { close(): Promise<void> }> {
  const config = testConfig(options.yaml);
  const hashi = await createHashi(config, { http: options.http ?? true, logger: options.logger ?? silentLogger(), ...(options.clock ? { clock: options.clock } : {}) });
  return Object.assign(hashi, {
    async close() {
      await hashi.stop();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  });
}

export async function createKey(hashi: Hashi, tenant = 'acme', plan = 'default'): Promise<string> {
  return (await hashi.keys.create({ tenant, plan })).key;
}
