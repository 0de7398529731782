import { Command } from 'commander';
import { withCommonOptions, type CommonOptions } from '../options.ts';

export function applyCommand(): Command {
  return withCommonOptions(new Command('apply'))
    .description("migrate, then apply hashi.yaml's managed resources (subscriptions and their secrets, rules and schedules, archives, queues) to the store, as serve and worker do on start; no other command changes them")
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { json?: boolean }) => (await import('../actions/apply.ts')).apply(opts));
}
