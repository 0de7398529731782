import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { pgUrl } from '../support/backends.ts';
import { ROOT, runCli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashi-concurrent-apply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
vi.setConfig({ testTimeout: 300_000 });

// The demo configuration (three subscriptions, rules, a schedule, an archive) plus SQS queues.
const demo = `${readFileSync(join(ROOT, 'examples/hashi.yaml'), 'utf8')}
sqs:
  queues:
    - { QueueName: audit-dlq }
    - { QueueName: audit, Attributes: { RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:audit-dlq","maxReceiveCount":"3"}' } }
`;
const PROCESSES = 4;

/** What every process should have left in the store, whichever came first. */
async function managed(store: Store) {
  const count = async (q: ReturnType<typeof sql<{ n: number | string }>>) => Number((await q.execute(store.db)).rows[0]!.n);
  return {
    subscriptions: await count(sql`select count(*) as n from webhook_subscriptions where managed_by = 'config'`),
    configRules: await count(sql`select count(*) as n from event_rules where origin = 'config'`),
    subscriptionRules: await count(sql`select count(*) as n from event_rules where name like 'webhooks.sub.%'`),
    archives: await count(sql`select count(*) as n from event_archives`),
    queues: await count(sql`select count(*) as n from sqs_queues`),
  };
}

const expected = { subscriptions: 3, configRules: 6, subscriptionRules: 3, archives: 1, queues: 2 };

async function applyAtOnce(config: string, data: string): Promise<void> {
  const runs = await Promise.all(Array.from({ length: PROCESSES }, () => runCli(['apply', '-c', config, '-d', data, '--json'])));
  for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
}

// Two servers starting at once on a fresh store used to race: "a subscription with id manga-crm already exists".
describe(`${PROCESSES} processes applying hashi.yaml at once to one fresh store`, () => {
  it('SQLite: every one succeeds and the store holds each resource once', async () => {
    const config = join(dir, 'sqlite.yaml');
    writeFileSync(config, demo);
    const data = join(dir, 'sqlite-data');
    await applyAtOnce(config, data);
    const store = await openStore({ url: '', dataDir: data });
    try {
      expect(await managed(store)).toEqual(expected);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!pgUrl)('PostgreSQL (a schema nobody created yet) [postgres]: every one succeeds and the store holds each resource once', async () => {
    const schema = `hashi_ca_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const config = join(dir, 'pg.yaml');
    writeFileSync(config, `${demo}\nstore:\n  url: "${pgUrl}"\n  schema: ${schema}\n`);
    try {
      await applyAtOnce(config, join(dir, 'pg-data'));
      const store = await openStore({ url: pgUrl!, dataDir: dir, schema });
      try {
        expect(await managed(store)).toEqual(expected);
      } finally {
        await store.close();
      }
    } finally {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});
