import { Command } from 'commander';
import { HashiError } from '../../kernel/index.ts';
import type { DlqFilter } from '../../queue/index.ts';
import { output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';

interface FilterOptions {
  type?: string;
  reason?: DlqFilter['reason'];
  since?: string;
  until?: string;
  limit?: string;
}

function filterFrom(opts: FilterOptions & { id?: string[] }): DlqFilter {
  const time = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new HashiError('CLI_INVALID', `--${name}: not a date/time: ${v}`, { status: 400 });
    return t;
  };
  const since = time('since', opts.since);
  const until = time('until', opts.until);
  return {
    ...(opts.id?.length ? { ids: opts.id } : {}),
    ...(opts.type ? { type: opts.type } : {}),
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(opts.limit ? { limit: Number(opts.limit) } : {}),
  };
}

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
    .action(async (opts: CommonOptions & FilterOptions & { json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const jobs = await h.queue.listDead(filterFrom(opts));
        output(opts.json, jobs, () =>
          jobs.length === 0
            ? '(dead-letter queue is empty)'
            : jobs.map((j) => `${j.id}  ${j.type}  ${j.reason}  attempts=${j.attempts}  ${new Date(j.deadAt).toISOString()}  ${j.errors.at(-1)?.message ?? ''}`).join('\n'),
        );
      });
    });
  withCommonOptions(cmd.command('show'))
    .description('show one dead-lettered job with its payload and every attempt error')
    .argument('<id>', 'job id')
    .action(async (id: string, opts: CommonOptions) => {
      await withHashi(opts, async (h) => {
        const job = await h.queue.getDead(id);
        if (!job) throw new HashiError('DLQ_NOT_FOUND', `no dead-lettered job ${id}`, { status: 404 });
        process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
      });
    });
  withFilters(withCommonOptions(cmd.command('redrive')))
    .description('put dead-lettered jobs back on the queue: --id (repeatable), a filter, or --all')
    .option('--id <id...>', 'job ids')
    .option('--all', 'every dead-lettered job')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & FilterOptions & { id?: string[]; all?: boolean; json?: boolean }) => {
      const filter = filterFrom(opts);
      if (!opts.all && Object.keys(filter).length === 0) {
        throw new HashiError('CLI_INVALID', 'nothing selected: pass --id, a filter (--type, --reason, --since, --until) or --all', { status: 400 });
      }
      await withHashi(opts, async (h) => {
        const ids = await h.queue.redrive(filter);
        output(opts.json, { redriven: ids }, () => `redrove ${ids.length} job(s)${ids.length ? `: ${ids.join(', ')}` : ''}`);
      });
    });
  return cmd;
}
