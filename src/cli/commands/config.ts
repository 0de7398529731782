import { Command } from 'commander';
import { stringify } from 'yaml';
import { configSchema, loadConfig, maskSecrets, readEnvironment, renderDefaultsYaml } from '../../config/index.ts';

export function configCommand(): Command {
  const cmd = new Command('config').description('validate and inspect configuration');
  cmd
    .command('check')
    .description('validate a hashi.yaml and print the resolved configuration with secrets masked')
    .argument('<file>', 'the file to check')
    .option('-s, --stage <name>', 'apply this stage before validating')
    .option('--json', 'print JSON instead of YAML')
    .action((file: string, opts: { stage?: string; json?: boolean }) => {
      const config = loadConfig({ file, ...(opts.stage ? { stage: opts.stage } : {}), env: readEnvironment().vars });
      const masked = maskSecrets(config);
      process.stdout.write(opts.json ? `${JSON.stringify(masked, null, 2)}\n` : `# ${file}: valid\n${stringify(masked)}`);
    });
  cmd
    .command('defaults')
    .description('print every setting with its default and a one-line comment (hashi.default.yaml)')
    .action(() => void process.stdout.write(renderDefaultsYaml()));
  cmd
    .command('schema')
    .description('print the JSON Schema hashi.yaml is validated against')
    .action(() => void process.stdout.write(`${JSON.stringify(configSchema, null, 2)}\n`));
  return cmd;
}
