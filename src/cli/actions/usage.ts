import { HashiError } from '../../kernel/index.ts';
import { parseUsageRange, type UsageGroup, type UsageGroupBy, type UsageReport } from '../../fm/index.ts';
import { GROUPS } from '../commands/usage.ts';
import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';

export interface UsageOptions extends CommonOptions {
  tenant?: string;
  from?: string;
  to?: string;
  by: string;
  json?: boolean;
}

const usd = (v: number | null) => (v === null ? 'unpriced' : `$${v.toFixed(6)}`);

function row(label: string, g: Omit<UsageGroup, 'group'>): string {
  const unpriced = g.unpricedCalls > 0 && g.costUsd !== null ? ` (+${g.unpricedCalls} unpriced)` : '';
  // Prompt-cache tokens come last, after the cost, so the older columns keep their places.
  const cache = [String(g.cacheReadTokens).padStart(11), String(g.cacheWriteTokens).padStart(11)];
  return [label.padEnd(24), String(g.calls).padStart(7), String(g.cachedCalls).padStart(7), String(g.inputTokens).padStart(11), String(g.outputTokens).padStart(11), `${usd(g.costUsd)}${unpriced}`.padStart(14), ...cache].join('  ');
}

function table(report: UsageReport): string {
  const head = [report.groupBy.padEnd(24), 'calls'.padStart(7), 'cached'.padStart(7), 'input tok'.padStart(11), 'output tok'.padStart(11), 'cost'.padStart(14), 'cache read'.padStart(11), 'cache write'.padStart(11)].join('  ');
  const scope = `tenant ${report.tenant ?? '(all)'}, ${report.from ?? 'beginning'} → ${report.to ?? 'now'}`;
  if (report.groups.length === 0) return `${scope}\n(no FM calls)`;
  return [scope, head, ...report.groups.map((g) => row(g.group ?? '(none)', g)), row('total', report.totals)].join('\n');
}

export async function usage(opts: UsageOptions): Promise<void> {
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
}
