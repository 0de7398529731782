import { Command } from 'commander';
import type { UsageGroupBy } from '../../fm/index.ts';
import type { UsageOptions } from '../actions/usage.ts';
import { withCommonOptions } from '../options.ts';

export const GROUPS: UsageGroupBy[] = ['model', 'key', 'tenant', 'day'];

const actions = () => import('../actions/usage.ts');

/** `hashi usage`: FM calls, tokens and cost grouped by model, key, tenant or day. */
export function usageCommand(): Command {
  return withCommonOptions(new Command('usage'))
    .description('FM usage and cost (tokens, cached calls, USD; unpriced models apart) from the store')
    .option('-t, --tenant <tenant>', 'only this tenant (default: all)')
    .option('--from <date>', 'from this UTC day (YYYY-MM-DD) or ISO date-time')
    .option('--to <date>', 'to this UTC day (inclusive) or ISO date-time (exclusive)')
    .option('--by <group>', `group by ${GROUPS.join(' | ')}`, 'model')
    .option('--json', 'machine-readable output')
    .action(async (opts: UsageOptions) => (await actions()).usage(opts));
}
