import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { runCli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashi-cli-apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
vi.setConfig({ testTimeout: 180_000 });

// Everything managed comes from `${…}` in the file, so a shell with other variables would resolve other values.
const config = join(dir, 'hashi.yaml');
writeFileSync(
  config,
  `subscriptions:
  - { id: crm, url: "\${CRM_URL:-http://127.0.0.1:8788/crm}", secret: "\${CRM_SECRET:-whsec_bWFuZ2Fhc3Npc3QtZGVtby1jcm0tc2VjcmV0}", pattern: { source: [shop] } }
webhooks:
  outbound:
    allow: [127.0.0.1]
events:
  rules:
    - { Name: audit, Description: "\${RULE_NOTE:-from the file}", EventPattern: { source: [shop] }, Targets: [{ Id: q, Arn: "queue:audit" }] }
  archives:
    - { ArchiveName: "\${ARCHIVE_NAME:-all}" }
`,
);
const data = join(dir, 'data');
const common = ['-c', config, '-d', data];
const elsewhere = { CRM_URL: 'http://127.0.0.1:9999/elsewhere', CRM_SECRET: 'whsec_b3RoZXItc2hlbGwtb3RoZXItc2VjcmV0LXZhbHVl', RULE_NOTE: 'from a bare shell', ARCHIVE_NAME: 'other' };

/** What the server would use: the stored subscription, its bus rule, the config rule and the archives. */
async function stored() {
  const store = await openStore({ url: '', dataDir: data });
  try {
    const { rows: subs } = await sql<{ url: string; secret: string }>`select url, secret from webhook_subscriptions where id = 'crm'`.execute(store.db);
    const { rows: rules } = await sql<{ name: string; definition: string }>`select name, definition from event_rules order by name`.execute(store.db);
    const { rows: archives } = await sql<{ name: string }>`select name from event_archives order by name`.execute(store.db);
    return {
      subscription: subs[0],
      rules: Object.fromEntries(rules.map((r) => [r.name, (JSON.parse(r.definition) as { description?: string }).description])),
      archives: archives.map((a) => a.name),
    };
  } finally {
    await store.close();
  }
}

describe('hashi.yaml is applied by serve, worker and `hashi apply` only', () => {
  it('other commands run from a shell with other variables leave subscriptions, secrets, rules and archives alone', async () => {
    const applied = await runCli(['apply', ...common, '--json']);
    expect(applied.stderr).toBe('');
    expect(JSON.parse(applied.stdout)).toMatchObject({ subscriptions: 1, rules: 1, archives: 1 });
    const before = await stored();
    expect(before).toMatchObject({
      subscription: { url: 'http://127.0.0.1:8788/crm', secret: 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1jcm0tc2VjcmV0' },
      rules: { audit: 'from the file', 'webhooks.sub.crm': 'outbound webhook subscription crm' },
      archives: ['all'],
    });

    for (const args of [['dlq', 'list'], ['keys', 'create', '--tenant', 'ops'], ['events', 'rules', 'list'], ['webhooks', 'deliveries']]) {
      const res = await runCli([...args, ...common], { env: elsewhere });
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(0);
    }
    expect(await stored()).toEqual(before);

    // The explicit command does apply the new values.
    expect((await runCli(['apply', ...common], { env: elsewhere })).code).toBe(0);
    expect(await stored()).toMatchObject({
      subscription: { url: elsewhere.CRM_URL, secret: elsewhere.CRM_SECRET },
      rules: { audit: 'from a bare shell' },
      archives: ['all', 'other'],
    });
  });
});
