import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ValidationError, createAjv, formatIssues, toIssues } from '../kernel/index.ts';
import { checkEdgeSettings } from './edge-check.ts';
import { interpolate } from './interpolate.ts';
import { deepFreeze, deepMerge, isPlainObject } from './merge.ts';
import { configSchema } from './schema.ts';
import type { HashiConfig } from './types.ts';

export interface LoadOptions {
  /** Path of hashi.yaml; omitted → defaults only. */
  file?: string;
  /** Raw YAML text instead of a file (tests, `config check -`). */
  text?: string;
  stage?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Values from flags, applied last (flags win). */
  overrides?: { port?: number; host?: string; dataDir?: string; storeUrl?: string };
}

const ajv = createAjv({ useDefaults: true });
const validate = ajv.compile(configSchema);

/**
 * Reads, interpolates, applies the stage, validates (filling defaults) and
 * freezes the configuration. Throws ValidationError `CONFIG_INVALID` whose
 * message names every offending path.
 */
export function loadConfig(options: LoadOptions): HashiConfig {
  const text = options.text ?? (options.file ? readConfigFile(options.file) : '');
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : parseYaml(text);
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `config is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  if (!isPlainObject(raw)) throw new ValidationError('CONFIG_INVALID', '(root): must be a mapping');
  let doc = interpolate(raw, options.env) as Record<string, unknown>;
  doc = applyStage(doc, options.stage);
  doc = applyOverrides(doc, options.overrides ?? {});
  if (!validate(doc)) {
    const issues = toIssues(validate.errors);
    throw new ValidationError('CONFIG_INVALID', `invalid configuration: ${formatIssues(issues)}`, { details: issues });
  }
  const config = doc as unknown as HashiConfig;
  const edgeIssues = checkEdgeSettings(config);
  if (edgeIssues.length > 0) throw new ValidationError('CONFIG_INVALID', `invalid configuration: ${formatIssues(edgeIssues)}`, { details: edgeIssues });
  config.dataDir = resolve(config.dataDir);
  config.stage = options.stage ?? '';
  config.configFile = options.file ? resolve(options.file) : '';
  return deepFreeze(config);
}

function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValidationError('CONFIG_INVALID', `cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
}

function applyStage(doc: Record<string, unknown>, stage: string | undefined): Record<string, unknown> {
  const { stages, ...rest } = doc;
  if (!stage) return { ...rest, stages: stages ?? {} };
  const table = isPlainObject(stages) ? stages : {};
  if (!(stage in table)) {
    const known = Object.keys(table);
    throw new ValidationError('CONFIG_INVALID', `stages.${stage}: no such stage${known.length ? ` (known: ${known.join(', ')})` : ''}`);
  }
  return { ...(deepMerge(rest, table[stage]) as Record<string, unknown>), stages: table };
}

function applyOverrides(doc: Record<string, unknown>, o: NonNullable<LoadOptions['overrides']>): Record<string, unknown> {
  const out = { ...doc };
  const server = { ...(isPlainObject(out.server) ? out.server : {}) };
  if (o.port !== undefined) server.port = o.port;
  if (o.host !== undefined) server.host = o.host;
  out.server = server;
  if (o.dataDir !== undefined) out.dataDir = o.dataDir;
  if (o.storeUrl !== undefined) out.store = { ...(isPlainObject(out.store) ? out.store : {}), url: o.storeUrl };
  return out;
}
