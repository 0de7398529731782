import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, readEnvironment, type HashiConfig } from '../config/index.ts';
import { HashiError } from '../kernel/index.ts';

export interface CommonOptions {
  config?: string;
  dataDir?: string;
  stage?: string;
  port?: string;
  host?: string;
}

/** The flags every store-touching command takes. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'hashi.yaml to use (env HASHI_CONFIG; default ./hashi.yaml, else examples/hashi.yaml)')
    .option('-d, --data-dir <dir>', 'data folder for the SQLite store and local files (env HASHI_DATA_DIR)')
    .option('-s, --stage <name>', 'stage overrides to apply from the stages: section (env HASHI_STAGE)');
}

export function resolveConfigFile(flag: string | undefined, envFile: string | undefined): string | undefined {
  if (flag) return flag;
  if (envFile) return envFile;
  for (const candidate of ['hashi.yaml', 'examples/hashi.yaml']) if (existsSync(resolve(candidate))) return candidate;
  return undefined;
}

/** Flags win over environment variables, which win over the file. */
export function loadCliConfig(opts: CommonOptions): HashiConfig {
  const env = readEnvironment();
  const file = resolveConfigFile(opts.config, env.configFile);
  const portText = opts.port ?? (env.port !== undefined ? String(env.port) : undefined);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new HashiError('CONFIG_INVALID', `--port: must be an integer 0–65535, got ${portText}`, { status: 400 });
  }
  const dataDir = opts.dataDir ?? env.dataDir;
  return loadConfig({
    ...(file ? { file } : {}),
    ...((opts.stage ?? env.stage) ? { stage: opts.stage ?? env.stage } : {}),
    env: env.vars,
    overrides: {
      ...(port !== undefined ? { port } : {}),
      ...(opts.host ? { host: opts.host } : {}),
      ...(dataDir ? { dataDir } : {}),
      ...(env.storeUrl ? { storeUrl: env.storeUrl } : {}),
    },
  });
}

/** Prints JSON when asked, otherwise a human line per item. */
export function output(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}
