import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli, startServer } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashi-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Each case runs the real binary several times; on a loaded 2-core machine that takes a while.
vi.setConfig({ testTimeout: 180_000 });

describe('hashi CLI', () => {
  it('prints help for every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'worker', 'migrate', 'config', 'keys', 'dlq']) expect(top.stdout).toContain(cmd);
    const sub = await runCli(['keys', 'create', '--help']);
    expect(sub.stdout).toContain('--tenant');
    expect(sub.stdout).toContain('--json');
  });

  it('config check: prints the resolved config with secrets masked, or exits 2 naming the path', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'admin:\n  key: ${MY_ADMIN_KEY}\nserver:\n  port: 9999\n');
    const ok = await runCli(['config', 'check', good], { env: { MY_ADMIN_KEY: 'very-secret-admin' } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('port: 9999');
    expect(ok.stdout).toContain('key: "****"');
    expect(ok.stdout).not.toContain('very-secret-admin');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'sources:\n  stripe:\n    scheme: stripe\n');
    const res = await runCli(['config', 'check', bad]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('sources.stripe.secrets: required');
  });

  it('migrate, then keys create/list/revoke with --json, against one data dir', async () => {
    const mig = await runCli(['migrate', '--data-dir', data, '--json']);
    expect(mig.code).toBe(0);
    expect(JSON.parse(mig.stdout).pending).toEqual([]);

    const created = await runCli(['keys', 'create', '--tenant', 'acme', '--json', '--data-dir', data]);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(Object.keys(key).sort()).toEqual(['id', 'key', 'plan', 'tenant']);
    expect(key).toMatchObject({ tenant: 'acme', plan: 'default' });

    const listed = await runCli(['keys', 'list', '--json'], { env: { HASHI_DATA_DIR: data } });
    const keys = JSON.parse(listed.stdout);
    expect(keys.map((k: { id: string }) => k.id)).toEqual([key.id]);
    expect(listed.stdout).not.toContain(key.key);

    const revoked = await runCli(['keys', 'revoke', key.id, '--json', '--data-dir', data]);
    expect(JSON.parse(revoked.stdout).revokedAt).not.toBeNull();
    const unknown = await runCli(['keys', 'revoke', 'ffffffffffffffff', '--data-dir', data]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no API key with id');
  });

  it('dlq list/redrive answer on an empty queue, and redrive insists on a selection', async () => {
    const list = await runCli(['dlq', 'list', '--json', '--data-dir', data]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const none = await runCli(['dlq', 'redrive', '--data-dir', data]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nothing selected');
    const all = await runCli(['dlq', 'redrive', '--all', '--json', '--data-dir', data]);
    expect(JSON.parse(all.stdout)).toEqual({ redriven: [] });
  });

  it('serve: flags win over HASHI_* variables, prints where it listens and where the data lives, drains on SIGTERM', async () => {
    const other = join(dir, 'other-data');
    const server = await startServer(['--data-dir', data], { HASHI_DATA_DIR: other, HASHI_PORT: '1' });
    try {
      expect(server.output()).toContain(`data:    ${data}`);
      expect(server.url).not.toMatch(/:1$/);
      const res = await fetch(`${server.url}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok' });
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});
