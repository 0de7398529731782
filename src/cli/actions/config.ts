import { stringify } from 'yaml';
import { configSchema, loadConfig, maskSecrets, readEnvironment, renderDefaultsYaml } from '../../config/index.ts';

export function check(file: string, opts: { stage?: string; json?: boolean }): void {
  const config = loadConfig({ file, ...(opts.stage ? { stage: opts.stage } : {}), env: readEnvironment().vars });
  const masked = maskSecrets(config);
  process.stdout.write(opts.json ? `${JSON.stringify(masked, null, 2)}\n` : `# ${file}: valid\n${stringify(masked)}`);
}

export function defaults(): void {
  process.stdout.write(renderDefaultsYaml());
}

export function schema(): void {
  process.stdout.write(`${JSON.stringify(configSchema, null, 2)}\n`);
}
