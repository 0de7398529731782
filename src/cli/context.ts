// Run-time helpers for command actions. Command definitions never import this file:
// it loads the config schema, which `hashi --help` has no use for.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, readEnvironment, type HashiConfig } from '../config/index.ts';
import { HashiError } from '../kernel/index.ts';
import type { CommonOptions } from './options.ts';

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
