import { Command } from 'commander';
import { loadCliConfig, withCommonOptions, type CommonOptions } from '../context.ts';
import { onShutdownSignal } from '../signals.ts';

export function workerCommand(): Command {
  return withCommonOptions(new Command('worker'))
    .description('run queue workers only (for a cluster sharing PostgreSQL)')
    .action(async (opts: CommonOptions) => {
      const { createHashi } = await import('../../main.ts');
      const config = loadCliConfig(opts);
      const hashi = await createHashi(config, { http: false, migrate: true });
      hashi.startWorkers();
      process.stdout.write(`hashi worker running job types: ${hashi.queue.types.join(', ') || '(none registered)'}\n  store: ${hashi.store.description}\n`);
      onShutdownSignal(async () => hashi.stop());
    });
}
