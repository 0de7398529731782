import type { Clock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { insertUsage } from './record.ts';
import { reportUsage } from './report.ts';
import type { UsageQuery, UsageRecord, UsageReport } from './types.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * Per-call usage: one row per completed FM call, attributed to tenant, key
 * and session. Writes happen off the call path (`record` never throws; a
 * failure goes to `onError`); `flush` waits for this process's pending writes
 * so a report right after a call includes it.
 */
export class UsageRepository {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: { store: Store; clock: Clock; onError?: (err: unknown) => void }) {}

  record(record: UsageRecord): void {
    const write = insertUsage(this.deps.store.db, record).catch((err: unknown) => this.deps.onError?.(err));
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async report(query: UsageQuery): Promise<UsageReport> {
    await this.flush();
    const { groups, totals } = await reportUsage(this.deps.store.db, query);
    return { groupBy: query.groupBy, tenant: query.tenant ?? null, from: iso(query.from), to: iso(query.to), groups, totals };
  }
}
