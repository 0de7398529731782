import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readEnvironment } from '../../src/config/index.ts';
import { ROOT, runCli, startServer } from '../support/cli.ts';

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

// Every provider type, the SDK ones pointed at a port where nothing listens.
const sdkConfig = join(dir, 'sdk-providers.yaml');
const nowhere = 'http://127.0.0.1:1';
const aws = `region: us-east-1, endpoint: "${nowhere}", credentials: { accessKeyId: AKIDFAKE, secretAccessKey: secret }`;
writeFileSync(
  sdkConfig,
  `fm:
  providers:
    - { name: offline, type: offline }
    - { name: bedrock, type: bedrock, ${aws} }
    - { name: bedrock-native, type: bedrock-invoke, ${aws} }
    - { name: anthropic, type: anthropic, apiKey: sk-ant-test, baseUrl: "${nowhere}" }
    - { name: local, type: openai, baseUrl: "${nowhere}/v1" }
  models:
    haiku: { provider: offline, model: extractive }
    sonnet: { provider: offline, model: extractive }
    claude: { provider: anthropic, model: claude-haiku-4-5 }
    llama: { provider: local, model: llama3.2 }
  resilience: { retry: { retries: 0 } }
`,
);
const template = join(dir, 'template.txt');
writeFileSync(template, 'a is <a>\n');
const SDKS = ['openai', '@anthropic-ai/sdk', '@aws-sdk/client-bedrock-runtime'];

const rootUrl = pathToFileURL(ROOT).href;
let runs = 0;

function importLog(): { log: string; env: Record<string, string> } {
  const log = join(dir, `imports-${++runs}.log`);
  writeFileSync(log, '');
  const nodeOptions = [readEnvironment().vars.NODE_OPTIONS, `--import=${pathToFileURL(join(dir, 'register.mjs')).href}`].filter(Boolean).join(' ');
  return { log, env: { NODE_OPTIONS: nodeOptions, HASHI_TEST_IMPORT_LOG: log, HASHI_DATA_DIR: join(dir, 'data') } };
}

/** The modules (paths under the repo, or `pkg:<name>`) that files under src/ imported while running `hashi …args`. */
async function importsOf(args: string[]): Promise<{ code: number | null; src: string[]; packages: string[] }> {
  const { log, env } = importLog();
  const res = await runCli(args, { env });
  return { code: res.code, ...readImports(log) };
}

function readImports(log: string): { src: string[]; packages: string[] } {
  const src = new Set<string>();
  const packages = new Set<string>();
  // bin/hashi.js runs dist/ (compiled) when it is fresh, src/ through tsx otherwise: read both as src/.
  const asSrc = (u: string | undefined) => (u?.startsWith(`${rootUrl}dist/`) ? `${rootUrl}src/${u.slice(rootUrl.length + 5).replace(/\.js$/, '.ts')}` : u);
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const [rawParent, rawUrl] = line.split('\t');
    const parent = asSrc(rawParent);
    const url = asSrc(rawUrl);
    if (!parent?.startsWith(`${rootUrl}src/`) || !url) continue;
    const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (pkg) packages.add(pkg[1]!);
    else if (url.startsWith(`${rootUrl}src/`)) src.add(url.slice(rootUrl.length));
  }
  // Every module a src/ file imports is itself under src/ or a package; the entry point is imported by bin/.
  src.add('src/cli/main.ts');
  return { src: [...src].sort(), packages: [...packages].sort() };
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

  it.each([
    ['test-pattern', '--pattern', '{"a":[1]}', '--event', '{"a":1}'],
    ['test-transform', '--event', '{"detail":{"a":1}}', '--input-paths-map', '{"a":"$.detail.a"}', '--input-template', template],
    ['next-runs', 'rate(5 minutes)', '--count', '2'],
  ])('the offline events sandbox (%s) loads only the pure pattern, transform and schedule code: no bus, store, HTTP or SDK', async (...args) => {
    const { code, src, packages } = await importsOf(['events', ...args]);
    expect(code).toBe(0);
    expect(src).toContain('src/cli/actions/events-sandbox.ts');
    expect(src).toContain('src/events/sandbox.ts');
    expect(src).not.toContain('src/main.ts');
    expect(src).not.toContain('src/events/index.ts');
    const allowed = /^src\/(version\.ts|kernel\/|cli\/(main|options)\.ts|cli\/commands\/|cli\/actions\/(events-sandbox|read-input)\.ts|events\/(sandbox\.ts|sandbox\/|patterns\/|transform\/|schedules\/))/;
    expect(src.filter((f) => !allowed.test(f))).toEqual([]);
    expect(packages.filter((p) => !['commander', 'ajv', 'ajv-formats'].includes(p))).toEqual([]);
  });

  it('a store command loads the composition root when it runs (the log sees lazy imports), but no provider SDK', async () => {
    const { code, src, packages } = await importsOf(['keys', 'list', '--json']);
    expect(code).toBe(0);
    expect(src).toContain('src/cli/actions/keys.ts');
    expect(src).toContain('src/main.ts');
    expect(src).toContain('src/fm/providers/anthropic-http.ts');
    expect(packages.filter((p) => SDKS.includes(p))).toEqual([]);
    // SQLite store and memory cache (the default): the other engines' drivers stay unloaded.
    expect(packages).toContain('better-sqlite3');
    expect(packages.filter((p) => ['pg', 'ioredis'].includes(p))).toEqual([]);
  });

  it('a store command with every SDK-backed provider type configured loads no SDK', async () => {
    const { code, packages } = await importsOf(['keys', 'list', '--json', '--config', sdkConfig]);
    expect(code).toBe(0);
    expect(packages).toContain('kysely');
    expect(packages.filter((p) => SDKS.includes(p))).toEqual([]);
  });

  it('serve never loads a provider SDK, not even when a request reaches its provider; an unreachable one fails that request', async () => {
    const data = join(dir, 'serve-data');
    await runCli(['migrate', '--config', sdkConfig, '--data-dir', data]);
    const key = JSON.parse((await runCli(['keys', 'create', '--tenant', 'acme', '--json', '--config', sdkConfig, '--data-dir', data])).stdout).key as string;
    const { log, env } = importLog();
    const server = await startServer(['--config', sdkConfig, '--data-dir', data], env);
    try {
      const atStart = readImports(log).packages;
      const chat = (model: string) =>
        fetch(`${server.url}/v1/chat`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'hi', model }),
        });
      const offline = await chat('haiku');
      const afterOffline = readImports(log).packages;
      const claude = await chat('claude');
      const body = (await claude.json()) as { error: { code: string; attempts?: { code: string }[] } };

      expect(atStart).toContain('fastify');
      expect(atStart.filter((p) => SDKS.includes(p))).toEqual([]);
      expect(offline.status).toBe(200);
      expect(afterOffline.filter((p) => SDKS.includes(p))).toEqual([]);
      expect(claude.status).toBeGreaterThanOrEqual(500);
      expect(JSON.stringify(body)).toContain('FM_PROVIDER_CONNECTION');
      // The gateway speaks each provider's wire itself: the SDKs are test clients only.
      expect(readImports(log).packages.filter((p) => SDKS.includes(p))).toEqual([]);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});
