import { sql } from '../../store/index.ts';
import type { Executor } from '../../store/index.ts';
import { fm } from '../tables.ts';
import type { UsageGroup, UsageGroupBy, UsageQuery, UsageTotals } from './types.ts';

const COLUMN: Record<UsageGroupBy, 'model' | 'key_id' | 'tenant' | 'day'> = { model: 'model', key: 'key_id', tenant: 'tenant', day: 'day' };

type Aggregates = {
  calls: number | string;
  cached_calls: number | string | null;
  priced_calls: number | string;
  input_tokens: number | string | null;
  output_tokens: number | string | null;
  cache_read_tokens: number | string | null;
  cache_write_tokens: number | string | null;
  cost_usd: number | string | null;
  avg_latency_ms: number | string | null;
};

const num = (v: number | string | null) => (v === null ? 0 : Number(v));

function totalsOf(row: Aggregates): UsageTotals {
  const calls = num(row.calls);
  const priced = num(row.priced_calls);
  return {
    calls,
    cachedCalls: num(row.cached_calls),
    unpricedCalls: calls - priced,
    inputTokens: num(row.input_tokens),
    outputTokens: num(row.output_tokens),
    cacheReadTokens: num(row.cache_read_tokens),
    cacheWriteTokens: num(row.cache_write_tokens),
    costUsd: priced === 0 || row.cost_usd === null ? null : Number(row.cost_usd),
    avgLatencyMs: row.avg_latency_ms === null ? null : Math.round(Number(row.avg_latency_ms)),
  };
}

/** Totals per model, key, tenant or UTC day (plus the overall totals) in [from, to). */
export async function reportUsage(db: Executor, query: UsageQuery): Promise<{ groups: UsageGroup[]; totals: UsageTotals }> {
  const base = fm(db)
    .selectFrom('fm_usage')
    .$if(query.tenant !== undefined, (qb) => qb.where('tenant', '=', query.tenant!))
    .$if(query.from !== undefined, (qb) => qb.where('at', '>=', query.from!))
    .$if(query.to !== undefined, (qb) => qb.where('at', '<', query.to!))
    .select([
      sql<number>`count(*)`.as('calls'),
      sql<number>`sum(cached)`.as('cached_calls'),
      sql<number>`count(cost_usd)`.as('priced_calls'),
      sql<number>`sum(input_tokens)`.as('input_tokens'),
      sql<number>`sum(output_tokens)`.as('output_tokens'),
      sql<number>`sum(cache_read_tokens)`.as('cache_read_tokens'),
      sql<number>`sum(cache_write_tokens)`.as('cache_write_tokens'),
      sql<number | null>`sum(cost_usd)`.as('cost_usd'),
      sql<number | null>`avg(latency_ms)`.as('avg_latency_ms'),
    ]);
  const column = COLUMN[query.groupBy];
  const rows = await base.select(sql.ref<string | null>(column).as('grp')).groupBy(column).orderBy(column).execute();
  const totals = await base.executeTakeFirstOrThrow();
  return {
    groups: rows.map((row) => ({ group: row.grp, ...totalsOf(row) })),
    totals: totalsOf(totals),
  };
}
