import { Command } from 'commander';
import type { CreateOptions } from '../actions/keys.ts';
import { withCommonOptions, type CommonOptions } from '../options.ts';

const actions = () => import('../actions/keys.ts');

export function keysCommand(): Command {
  const cmd = new Command('keys').description('manage API keys (stored hashed; a key is shown once)');
  withCommonOptions(cmd.command('create'))
    .description('create an API key for a tenant')
    .requiredOption('-t, --tenant <tenant>', 'tenant or customer the key belongs to')
    .option('--plan <plan>', 'usage plan (from plans: in hashi.yaml)', 'default')
    .option('--name <name>', 'a label for the key')
    .option('--customer <id>', 'end customer id carried by the key')
    .option('--json', 'print {"id","key","tenant","plan"} as JSON')
    .action(async (opts: CreateOptions) => (await actions()).create(opts));
  withCommonOptions(cmd.command('list'))
    .description('list API keys (ids and metadata, never the keys)')
    .option('-t, --tenant <tenant>', 'only this tenant')
    .option('--all', 'include revoked keys')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { tenant?: string; all?: boolean; json?: boolean }) => (await actions()).list(opts));
  withCommonOptions(cmd.command('revoke'))
    .description('revoke an API key')
    .argument('<id>', 'key id (the part after hsk_)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: CommonOptions & { json?: boolean }) => (await actions()).revoke(id, opts));
  return cmd;
}
