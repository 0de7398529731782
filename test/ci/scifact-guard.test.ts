import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/index.ts';
import { ROOT } from '../support/cli.ts';

const { PATH = '', HOME = '' } = readEnvironment().vars;
const dir = mkdtempSync(join(tmpdir(), 'hashi-ci-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH, HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// A clone has no BEIR SciFact beside it: `npm test` must pass there, and CI must notice.
describe('the SciFact quality guard without its data', () => {
  it('is skipped with the missing path printed, and test-summary (as .ci/run calls it) then fails', async () => {
    const report = join(dir, 'report.json');
    const vitest = await run(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'src/search/quality.test.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
      { HASHI_TEST_SCIFACT_DIR: join(dir, 'no-such-scifact') },
    );
    expect(vitest.out).toContain(`search quality [scifact] skipped: ${join(dir, 'no-such-scifact')}/corpus.jsonl not found: set HASHI_TEST_SCIFACT_DIR`);
    expect(vitest.code).toBe(0);
    const tests = (JSON.parse(readFileSync(report, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }> }).testResults.flatMap((f) => f.assertionResults);
    expect(tests).toEqual([expect.objectContaining({ fullName: expect.stringContaining('[scifact]'), status: 'skipped' })]);

    // .ci/run requires the [scifact] suite next to [postgres] and [redis].
    const required = /node scripts\/test-summary\.mjs \S+ (.*?) \|\|/.exec(readFileSync(join(ROOT, '.ci/run'), 'utf8'))?.[1]?.split(' ');
    expect(required).toContain('scifact');
    const summary = await run(process.execPath, ['scripts/test-summary.mjs', report, ...required!]);
    expect(summary.out).toContain('required suite [scifact] did not run');
    expect(summary.code).toBe(1);
  }, 120_000);
});
