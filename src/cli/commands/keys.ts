import { Command } from 'commander';
import { output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';

export function keysCommand(): Command {
  const cmd = new Command('keys').description('manage API keys (stored hashed; a key is shown once)');
  withCommonOptions(cmd.command('create'))
    .description('create an API key for a tenant')
    .requiredOption('-t, --tenant <tenant>', 'tenant or customer the key belongs to')
    .option('--plan <plan>', 'usage plan (from plans: in hashi.yaml)', 'default')
    .option('--name <name>', 'a label for the key')
    .option('--customer <id>', 'end customer id carried by the key')
    .option('--json', 'print {"id","key","tenant","plan"} as JSON')
    .action(async (opts: CommonOptions & { tenant: string; plan: string; name?: string; customer?: string; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const created = await h.keys.create({ tenant: opts.tenant, plan: opts.plan, ...(opts.name ? { name: opts.name } : {}), ...(opts.customer ? { customerId: opts.customer } : {}) });
        output(opts.json, { id: created.id, key: created.key, tenant: created.tenant, plan: created.plan }, () =>
          [`created key ${created.id} for tenant ${created.tenant} (plan ${created.plan})`, '', `  ${created.key}`, '', 'store it now: it is not shown again.'].join('\n'),
        );
      });
    });
  withCommonOptions(cmd.command('list'))
    .description('list API keys (ids and metadata, never the keys)')
    .option('-t, --tenant <tenant>', 'only this tenant')
    .option('--all', 'include revoked keys')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { tenant?: string; all?: boolean; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const keys = await h.keys.list({ ...(opts.tenant ? { tenant: opts.tenant } : {}), includeRevoked: opts.all ?? false });
        output(opts.json, keys, () =>
          keys.length === 0 ? '(no keys)' : keys.map((k) => `${k.id}  ${k.tenant}  ${k.plan}  ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}${k.name ? `  ${k.name}` : ''}`).join('\n'),
        );
      });
    });
  withCommonOptions(cmd.command('revoke'))
    .description('revoke an API key')
    .argument('<id>', 'key id (the part after hsk_)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: CommonOptions & { json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const revoked = await h.keys.revoke(id);
        output(opts.json, revoked, () => `revoked ${revoked.id} (tenant ${revoked.tenant})`);
      });
    });
  return cmd;
}
