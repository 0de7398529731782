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
 * and session. Rows are written off the call path, batched: everything
 * recorded within `flushIntervalMs` (100 ms) goes in one multi-row INSERT
 * (sooner at 500 rows). `record` never throws — a failed write goes to
 * `onError`. `flush` writes this process's pending rows now, so a report
 * right after a call includes it; rows still waiting when the process dies
 * are lost (at most one interval's worth).
 */
export class UsageRepository {
  private buffer: UsageRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly writes = new Set<Promise<void>>();

  constructor(private readonly deps: { store: Store; clock: Clock; onError?: (err: unknown) => void; flushIntervalMs?: number }) {}

  record(record: UsageRecord): void {
    this.buffer.push(record);
    if (this.buffer.length >= MAX_BATCH) this.write();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.write(), this.deps.flushIntervalMs ?? 100);
      this.timer.unref();
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const write = insertUsage(this.deps.store.db, batch).catch((err: unknown) => this.deps.onError?.(err));
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}
