import type { Clock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { fm } from '../tables.ts';
import { insertUsage } from './record.ts';
import { reportUsage } from './report.ts';
import type { UsageQuery, UsageRecord, UsageReport } from './types.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
const MAX_BATCH = 500;

/**
 * Per-call usage: one row per completed FM call, attributed to tenant, key
 * and session. Rows are written off the call path, batched (everything
 * recorded in one turn of the event loop goes in one INSERT), and `record`
 * never throws — a failed write goes to `onError`. `flush` waits for this
 * process's pending rows, so a report right after a call includes it.
 */
export class UsageRepository {
  private buffer: UsageRecord[] = [];
  private scheduled = false;
  private readonly writes = new Set<Promise<void>>();

  constructor(private readonly deps: { store: Store; clock: Clock; onError?: (err: unknown) => void }) {}

  record(record: UsageRecord): void {
    this.buffer.push(record);
    if (this.buffer.length >= MAX_BATCH) this.write();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.write());
    }
  }

  async flush(): Promise<void> {
    this.write();
    await Promise.all([...this.writes]);
  }

  async report(query: UsageQuery): Promise<UsageReport> {
    await this.flush();
    const { groups, totals } = await reportUsage(this.deps.store.db, query);
    return { groupBy: query.groupBy, tenant: query.tenant ?? null, from: iso(query.from), to: iso(query.to), groups, totals };
  }

  /** Deletes rows recorded before `before` (ms epoch); returns how many. */
  async purgeBefore(before: number): Promise<number> {
    const res = await fm(this.deps.store.db).deleteFrom('fm_usage').where('at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  private write(): void {
    this.scheduled = false;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const write = insertUsage(this.deps.store.db, batch).catch((err: unknown) => this.deps.onError?.(err));
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}
