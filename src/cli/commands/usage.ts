import { Command } from 'commander';
import { HashiError } from '../../kernel/index.ts';
import { parseUsageRange, type UsageGroup, type UsageGroupBy, type UsageReport } from '../../fm/index.ts';
import { output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';

const GROUPS: UsageGroupBy[] = ['model', 'key', 'tenant', 'day'];

const usd = (v: number | null) => (v === null ? 'unpriced' : `$${v.toFixed(6)}`);

function row(label: string, g: Omit<UsageGroup, 'group'>): string {
  const unpriced = g.unpricedCalls > 0 && g.costUsd !== null ? ` (+${g.unpricedCalls} unpriced)` : '';
  return [label.padEnd(24), String(g.calls).padStart(7), String(g.cachedCalls).padStart(7), String(g.inputTokens).padStart(11), String(g.outputTokens).padStart(11), `${usd(g.costUsd)}${unpriced}`.padStart(14)].join('  ');
}

function table(report: UsageReport): string {
  const head = [report.groupBy.padEnd(24), 'calls'.padStart(7), 'cached'.padStart(7), 'input tok'.padStart(11), 'output tok'.padStart(11), 'cost'.padStart(14)].join('  ');
  const scope = `tenant ${report.tenant ?? '(all)'}, ${report.from ?? 'beginning'} → ${report.to ?? 'now'}`;
  if (report.groups.length === 0) return `${scope}\n(no FM calls)`;
  return [scope, head, ...report.groups.map((g) => row(g.group ?? '(none)', g)), row('total', report.totals)].join('\n');
}

/** `hashi usage`: FM calls, tokens and cost grouped by model, key, tenant or day. */
export function usageCommand(): Command {
  return withCommonOptions(new Command('usage'))
    .description('FM usage and cost (tokens, cached calls, USD; unpriced models apart) from the store')
    .option('-t, --tenant <tenant>', 'only this tenant (default: all)')
    .option('--from <date>', 'from this UTC day (YYYY-MM-DD) or ISO date-time')
    .option('--to <date>', 'to this UTC day (inclusive) or ISO date-time (exclusive)')
    .option('--by <group>', `group by ${GROUPS.join(' | ')}`, 'model')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { tenant?: string; from?: string; to?: string; by: string; json?: boolean }) => {
      if (!GROUPS.includes(opts.by as UsageGroupBy)) throw new HashiError('CLI_INVALID', `--by: must be one of ${GROUPS.join(', ')}`, { status: 400 });
      let range;
      try {
        range = parseUsageRange(opts.from, opts.to);
      } catch (err) {
        throw new HashiError('CLI_INVALID', (err as Error).message, { status: 400 });
      }
      await withHashi(opts, async (h) => {
        const report = await h.fm.usage.report({ groupBy: opts.by as UsageGroupBy, tenant: opts.tenant, ...range });
        output(opts.json, report, () => table(report));
      });
    });
}
