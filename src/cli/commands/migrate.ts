import { Command } from 'commander';
import { withCommonOptions, type CommonOptions } from '../options.ts';

export function migrateCommand(): Command {
  return withCommonOptions(new Command('migrate'))
    .description('apply pending database migrations')
    .option('--status', 'only show applied and pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { status?: boolean; json?: boolean }) => (await import('../actions/migrate.ts')).migrate(opts));
}
