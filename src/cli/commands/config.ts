import { Command } from 'commander';

const actions = () => import('../actions/config.ts');

export function configCommand(): Command {
  const cmd = new Command('config').description('validate and inspect configuration');
  cmd
    .command('check')
    .description('validate a hashi.yaml and print the resolved configuration with secrets masked')
    .argument('<file>', 'the file to check')
    .option('-s, --stage <name>', 'apply this stage before validating')
    .option('--json', 'print JSON instead of YAML')
    .action(async (file: string, opts: { stage?: string; json?: boolean }) => (await actions()).check(file, opts));
  cmd
    .command('defaults')
    .description('print every setting with its default and a one-line comment (hashi.default.yaml)')
    .action(async () => (await actions()).defaults());
  cmd
    .command('schema')
    .description('print the JSON Schema hashi.yaml is validated against')
    .action(async () => (await actions()).schema());
  return cmd;
}
