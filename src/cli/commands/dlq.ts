import { Command } from 'commander';
import type { FilterOptions } from '../actions/dlq.ts';
import { withCommonOptions, type CommonOptions } from '../options.ts';

const actions = () => import('../actions/dlq.ts');

const withFilters = (c: Command) =>
  c
    .option('--type <type>', 'only jobs of this type (e.g. events.deliver)')
    .option('--reason <reason>', 'permanent | exhausted | expired | lease_expired')
    .option('--since <time>', 'dead-lettered at or after (ISO time)')
    .option('--until <time>', 'dead-lettered before (ISO time)');

export function dlqCommand(): Command {
  const cmd = new Command('dlq').description('inspect and redrive dead-lettered jobs');
  withFilters(withCommonOptions(cmd.command('list')))
    .description('list dead-lettered jobs, newest first')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & FilterOptions & { json?: boolean }) => (await actions()).list(opts));
  withCommonOptions(cmd.command('show'))
    .description('show one dead-lettered job with its payload and every attempt error')
    .argument('<id>', 'job id')
    .action(async (id: string, opts: CommonOptions) => (await actions()).show(id, opts));
  withFilters(withCommonOptions(cmd.command('redrive')))
    .description('put dead-lettered jobs back on the queue: --id (repeatable), a filter, or --all')
    .option('--id <id...>', 'job ids')
    .option('--all', 'every dead-lettered job')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & FilterOptions & { id?: string[]; all?: boolean; json?: boolean }) => (await actions()).redrive(opts));
  return cmd;
}
