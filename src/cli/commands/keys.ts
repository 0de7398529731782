import { Command } from 'commander';
import type { CreateOptions } from '../actions/keys.ts';
import { withCommonOptions, type CommonOptions } from '../options.ts';

const actions = () => import('../actions/keys.ts');

export function keysCommand(): Command {
  const cmd = new Command('keys').description('manage API keys (stored hashed; a key is shown once) and AWS access keys (--aws)');
  withCommonOptions(cmd.command('create'))
    .description('create an API key for a tenant (--aws: an AWS access key for the EventBridge/SQS front door)')
    .requiredOption('-t, --tenant <tenant>', 'tenant or customer the key belongs to')
    .option('--plan <plan>', 'usage plan (from plans: in hashi.yaml)', 'default')
    .option('--name <name>', 'a label for the key')
    .option('--customer <id>', 'end customer id carried by the key')
    .option('--aws', 'an AWS access key id and secret access key (SigV4), for the AWS SDKs')
    .option('--json', 'print {"id","key","tenant","plan"} (--aws: {"accessKeyId","secretAccessKey","tenant","plan","account","region"}) as JSON')
    .action(async (opts: CreateOptions) => (await actions()).create(opts));
  withCommonOptions(cmd.command('list'))
    .description('list API keys (ids and metadata, never the keys)')
    .option('-t, --tenant <tenant>', 'only this tenant')
    .option('--all', 'include revoked keys')
    .option('--aws', 'list AWS access keys instead')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { tenant?: string; all?: boolean; aws?: boolean; json?: boolean }) => (await actions()).list(opts));
  withCommonOptions(cmd.command('revoke'))
    .description('revoke an API key')
    .argument('<id>', 'key id (the part after hsk_), or an AWS access key id (AKIA…)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: CommonOptions & { json?: boolean }) => (await actions()).revoke(id, opts));
  return cmd;
}
