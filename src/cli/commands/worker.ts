import { Command } from 'commander';
import { withCommonOptions, type CommonOptions } from '../options.ts';

export function workerCommand(): Command {
  return withCommonOptions(new Command('worker'))
    .description('run queue workers only (for a cluster sharing PostgreSQL)')
    .action(async (opts: CommonOptions) => (await import('../actions/worker.ts')).worker(opts));
}
