import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readEnvironment } from '../../src/config/index.ts';
import { ROOT, runCli } from '../support/cli.ts';

// What the CLI imports, seen from outside: a module resolve hook, installed in the
// child with --import, appends "parent<TAB>child" for every import it resolves.
const dir = mkdtempSync(join(tmpdir(), 'hashi-cli-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
vi.setConfig({ testTimeout: 180_000 });

writeFileSync(
  join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.HASHI_TEST_IMPORT_LOG, \`\${context.parentURL ?? ''}\\t\${result.url}\\n\`);
  return result;
}
`,
);
writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
const config = join(dir, 'hashi.yaml');
writeFileSync(config, 'server:\n  port: 9999\n');

const rootUrl = pathToFileURL(ROOT).href;
let runs = 0;

/** The modules (paths under the repo, or `pkg:<name>`) that files under src/ imported while running `hashi …args`. */
async function importsOf(args: string[]): Promise<{ code: number | null; src: string[]; packages: string[] }> {
  const log = join(dir, `imports-${++runs}.log`);
  writeFileSync(log, '');
  const nodeOptions = [readEnvironment().vars.NODE_OPTIONS, `--import=${pathToFileURL(join(dir, 'register.mjs')).href}`].filter(Boolean).join(' ');
  const res = await runCli(args, { env: { NODE_OPTIONS: nodeOptions, HASHI_TEST_IMPORT_LOG: log, HASHI_DATA_DIR: join(dir, 'data') } });
  const src = new Set<string>();
  const packages = new Set<string>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const [parent, url] = line.split('\t');
    if (!parent?.startsWith(`${rootUrl}src/`) || !url) continue;
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (pkg) packages.add(pkg[1]!);
    else if (url.startsWith(`${rootUrl}src/`)) src.add(url.slice(rootUrl.length));
  }
  // Every module a src/ file imports is itself under src/ or a package; the entry point is imported by bin/.
  src.add('src/cli/main.ts');
  return { code: res.code, src: [...src].sort(), packages: [...packages].sort() };
}

// The command table and its help: nothing else may load for `--help`.
const HELP_ONLY = /^src\/(version\.ts|cli\/(main|options)\.ts|cli\/commands\/[\w-]+\.ts)$/;

describe('hashi CLI start-up: what each command loads', () => {
  const helpRuns = [['--help'], ['keys', 'create', '--help'], ['events', '--help'], ['events', 'rules', 'put', '--help'], ['webhooks', 'verify', '--help'], ['usage', '--help'], ['--version']];
  it.each(helpRuns.map((args) => [args.join(' '), args] as const))(
    'hashi %s loads only the command definitions and commander',
    async (_name, args) => {
      const { code, src, packages } = await importsOf([...args]);
      expect(code).toBe(0);
      expect(src.filter((f) => !HELP_ONLY.test(f))).toEqual([]);
      expect(src).toContain('src/cli/commands/webhooks.ts');
      expect(packages).toEqual(['commander']);
    },
  );

  it('config check loads the config and kernel, and no capability, app or SDK', async () => {
    const { code, src, packages } = await importsOf(['config', 'check', config]);
    expect(code).toBe(0);
    expect(src).toContain('src/config/load.ts');
    expect(src.filter((f) => !HELP_ONLY.test(f) && !/^src\/(config|kernel)\/|^src\/cli\/actions\/config\.ts$/.test(f))).toEqual([]);
    expect(packages.filter((p) => !['commander', 'yaml', 'ajv', 'ajv-formats'].includes(p))).toEqual([]);
  });

  it('the offline events sandbox does not open the composition root or a provider SDK', async () => {
    const { code, src, packages } = await importsOf(['events', 'test-pattern', '--pattern', '{"a":[1]}', '--event', '{"a":1}']);
    expect(code).toBe(0);
    expect(src).toContain('src/cli/actions/events-sandbox.ts');
    expect(src).not.toContain('src/main.ts');
    expect(src.filter((f) => /^src\/(fm|apps)\//.test(f))).toEqual([]);
    expect(packages.filter((p) => ['openai', '@anthropic-ai/sdk', '@aws-sdk/client-bedrock-runtime'].includes(p))).toEqual([]);
  });

  it('a store command loads the composition root when it runs (the log sees lazy imports)', async () => {
    const { code, src } = await importsOf(['keys', 'list', '--json']);
    expect(code).toBe(0);
    expect(src).toContain('src/cli/actions/keys.ts');
    expect(src).toContain('src/main.ts');
  });
});
