import { HashiError } from '../../kernel/index.ts';
import type { DlqFilter } from '../../queue/index.ts';
import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';

export interface FilterOptions {
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

export async function list(opts: CommonOptions & FilterOptions & { json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const jobs = await h.queue.listDead(filterFrom(opts));
    output(opts.json, jobs, () =>
      jobs.length === 0
        ? '(dead-letter queue is empty)'
        : jobs.map((j) => `${j.id}  ${j.type}  ${j.reason}  attempts=${j.attempts}  ${new Date(j.deadAt).toISOString()}  ${j.errors.at(-1)?.message ?? ''}`).join('\n'),
    );
  });
}

export async function show(id: string, opts: CommonOptions): Promise<void> {
  await withHashi(opts, async (h) => {
    const job = await h.queue.getDead(id);
    if (!job) throw new HashiError('DLQ_NOT_FOUND', `no dead-lettered job ${id}`, { status: 404 });
    process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  });
}

export async function redrive(opts: CommonOptions & FilterOptions & { id?: string[]; all?: boolean; json?: boolean }): Promise<void> {
  const filter = filterFrom(opts);
  if (!opts.all && Object.keys(filter).length === 0) {
    throw new HashiError('CLI_INVALID', 'nothing selected: pass --id, a filter (--type, --reason, --since, --until) or --all', { status: 400 });
  }
  await withHashi(opts, async (h) => {
    const ids = await h.queue.redrive(filter);
    output(opts.json, { redriven: ids }, () => `redrove ${ids.length} job(s)${ids.length ? `: ${ids.join(', ')}` : ''}`);
  });
}
