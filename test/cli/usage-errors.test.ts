import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashi-cli-usage-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
vi.setConfig({ testTimeout: 180_000 });

describe('what a new user meets at the CLI', () => {
  it('exit codes: 2 for every usage error (commander’s own included), 0 for help and version', async () => {
    const cases: Array<[string[], number]> = [
      [['--help'], 0],
      [['--version'], 0],
      [['keys', 'create', '--help'], 0],
      [['no-such-command'], 2],
      [['keys', 'list', '--no-such-option'], 2],
      [['keys', 'create', '--data-dir', data], 2], // --tenant missing
      [['keys'], 2], // a group without its subcommand: help, as an error
      [['events', 'next-runs'], 2], // missing argument
      [['webhooks', 'verify', '--source', 's', '--headers', join(dir, 'absent.json'), '--body', join(dir, 'absent.bin')], 2],
    ];
    for (const [args, code] of cases) {
      const res = await runCli(args);
      expect(res.code, `hashi ${args.join(' ')}: ${res.stderr}`).toBe(code);
      expect(res.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('keys create --tenant "bad tenant!" says what a tenant may contain (exit 2)', async () => {
    const res = await runCli(['keys', 'create', '--tenant', 'bad tenant!', '--data-dir', data]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('error: tenant "bad tenant!" is not valid (it contains " " "!"): a tenant is 1–64 characters, each a letter, a digit or one of . _ : -\n');
  });

  it('bare `hashi events rules` lists the rules, as the README says', async () => {
    const config = join(dir, 'rules.yaml');
    writeFileSync(config, 'support:\n  enabled: false\nevents:\n  rules:\n    - { Name: audit, EventPattern: { source: [shop] }, Targets: [{ Id: q, Arn: "queue:audit" }] }\n');
    expect((await runCli(['apply', '-c', config, '-d', data])).code).toBe(0);
    const bare = await runCli(['events', 'rules', '-c', config, '-d', data]);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toContain('audit');
    const json = await runCli(['events', 'rules', '--json', '-c', config, '-d', data]);
    expect(JSON.parse(json.stdout).map((r: { Name: string }) => r.Name)).toEqual(['audit']);
  });

  it('serve on a port that is taken names the port and how to pick another (exit 1, no stack)', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
    try {
      const res = await runCli(['serve', '--port', String(port), '--data-dir', data]);
      expect(res.code).toBe(1);
      expect(res.stderr).toBe(
        `error: cannot listen on 127.0.0.1:${port}: another process is using port ${port}. Pick another with --port N, the HASHI_PORT variable or server.port in hashi.yaml (0 takes any free port)\n`,
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('kb search prints plain text in a terminal: no HTML entities, matches as *…*', async () => {
    const file = join(dir, 'kb.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'amp', title: 'Q&A', text: `Tom & Jerry's "reset" key: press <Reset> for 5 s.` })}\n`);
    expect((await runCli(['kb', 'ingest', file, '--data-dir', data])).code).toBe(0);
    const res = await runCli(['kb', 'search', 'reset key', '--data-dir', data]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`Tom & Jerry's "*reset*" *key*: press <*Reset*> for 5 s.`);
    expect(res.stdout).not.toMatch(/&(amp|lt|gt|quot|#39);/);
  });
});
