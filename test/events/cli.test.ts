import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

// Each run starts the real binary (a few seconds on a 2-core machine), hence the long timeouts.
const SLOW = 120_000;
const dir = mkdtempSync(join(tmpdir(), 'hashi-events-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('hashi events (CLI)', () => {
  it('test-pattern prints true/false with exit 0, a pattern error with exit 2, and runs --jsonl line by line', async () => {
    // The pattern and event of the EventBridge user guide's "numeric matching" example.
    const pattern = file('p.json', '{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}}');
    const yes = await runCli(['events', 'test-pattern', '--pattern', pattern, '--event', file('e1.json', '{"detail":{"c-count":5}}')]);
    expect([yes.code, yes.stdout]).toEqual([0, 'true\n']);
    const no = await runCli(['events', 'test-pattern', '--pattern', pattern, '--event', file('e2.json', '{"detail":{"c-count":6}}')]);
    expect([no.code, no.stdout]).toEqual([0, 'false\n']);
    const bad = await runCli(['events', 'test-pattern', '--pattern', '{"detail":{"c-count":[{"numeric":[">"]}]}}', '--event', '{}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: detail\.c-count: /);
    const jsonl = file('cases.jsonl', ['{"pattern":{"a":["x"]},"event":{"a":"x"}}', '{"pattern":{"a":"x"},"event":{}}', 'not json', '{"pattern":{"a":["x"]},"event":{"a":["y","x"]}}'].join('\n'));
    const many = await runCli(['events', 'test-pattern', '--jsonl', jsonl]);
    const lines = many.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => Object.keys(l)[0])).toEqual(['match', 'error', 'error', 'match']);
    expect([lines[0].match, lines[3].match]).toEqual([true, true]);
  }, SLOW);

  it('test-transform prints the target input, filling reserved variables from flags', async () => {
    const res = await runCli([
      'events',
      'test-transform',
      '--event',
      '{"id":"e-1","detail":{"instance":"i-123","state":"running"}}',
      '--input-paths-map',
      '{"instance":"$.detail.instance","state":"$.detail.state"}',
      '--input-template',
      file('t.txt', '{"message": "<instance> is <state>", "rule": <aws.events.rule-name>}\n'),
      '--rule-name',
      'watch',
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ message: 'i-123 is running', rule: 'watch' });
  }, SLOW);

  it('next-runs prints fire times or the grammar error', async () => {
    const ok = await runCli(['events', 'next-runs', 'cron(0 18 ? * MON-FRI *)', '--count', '2', '--from', '2026-01-02T19:00:00Z']);
    expect([ok.code, ok.stdout]).toEqual([0, '2026-01-05T18:00:00.000Z\n2026-01-06T18:00:00.000Z\n']);
    const bad = await runCli(['events', 'next-runs', 'cron(0 18 * * MON-FRI *)']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not valid');
  }, SLOW);

  it('put, rules put/list/delete and replay against a data dir', async () => {
    const data = join(dir, 'data');
    const config = file('hashi.yaml', 'events:\n  archives:\n    - ArchiveName: all\n');
    const common = ['-d', data, '-c', config];
    // The archive comes from hashi.yaml: serve, worker or `hashi apply` puts it in the store, no other command does.
    expect((await runCli(['apply', ...common])).code).toBe(0);
    const rules = file('rules.yaml', '- Name: audit\n  EventPattern: { source: [shop] }\n  Targets: [{ Id: q, Arn: "queue:audit" }]\n');
    expect((await runCli(['events', 'rules', 'put', rules, ...common])).code).toBe(0);
    const listed = JSON.parse((await runCli(['events', 'rules', 'list', '--json', ...common])).stdout);
    expect(listed.find((r: { Name: string }) => r.Name === 'audit')).toMatchObject({ Targets: [{ Arn: 'queue:audit' }] });
    const put = await runCli(['events', 'put', '--source', 'shop', '--detail-type', 'Order', '--detail', '{"n":1}', '--json', ...common]);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout).FailedEntryCount).toBe(0);
    const refused = await runCli(['events', 'put', '--source', 'shop', '--detail-type', 'Order', '--bus', 'nope', ...common]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('EVENT_BUS_NOT_FOUND');
    const replay = await runCli(['events', 'replay', '--archive', 'all', '--from', '2000-01-01T00:00:00Z', '--to', new Date().toISOString(), '--name', 'r1', '--json', ...common]);
    expect(JSON.parse(replay.stdout)).toMatchObject({ ReplayName: 'r1', State: 'COMPLETED', EventsReplayed: 1 });
    expect((await runCli(['events', 'rules', 'delete', 'audit', ...common])).code).toBe(0);
    expect((await runCli(['events', 'rules', 'delete', 'audit', ...common])).code).toBe(2);
  }, SLOW);
});
