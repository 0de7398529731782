import type { Executor } from '../store/index.ts';
import { insertJobs } from './sql/enqueue.ts';
import type { JobsTable } from './sql/tables.ts';

interface Pending {
  rows: JobsTable[];
  resolve: (inserted: Set<string>) => void;
  reject: (err: unknown) => void;
}

// Rows per statement (12 parameters each), well under SQLite's 32 766 bound parameters.
const MAX_ROWS = 500;

/**
 * Enqueues made outside any transaction on a single-writer store (SQLite),
 * in the same turn of the event loop — typically the handlers of one claim,
 * each handing a message on — share one INSERT, so one commit instead of one
 * each. A single statement is atomic on its own, and rows go in in call order,
 * so a dedupe key two callers share is inserted for the first only, as if
 * they had run one after another. If the shared statement fails, each
 * caller's rows are tried alone, so each gets its own outcome.
 */
export class CoalescedInsert {
  private pending: Pending[] = [];

  constructor(private readonly db: Executor) {}

  insert(rows: JobsTable[]): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ rows, resolve, reject });
    });
  }

  private flush(): void {
    const all = this.pending.splice(0);
    let group: Pending[] = [];
    let size = 0;
    for (const p of all) {
      if (group.length > 0 && size + p.rows.length > MAX_ROWS) {
        void this.run(group);
        group = [];
        size = 0;
      }
      group.push(p);
      size += p.rows.length;
    }
    if (group.length > 0) void this.run(group);
  }

  private async run(group: Pending[]): Promise<void> {
    let inserted: Set<string>;
    try {
      inserted = await insertJobs(
        this.db,
        group.flatMap((p) => p.rows),
      );
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
      for (const p of group) insertJobs(this.db, p.rows).then(p.resolve, p.reject);
      return;
    }
    for (const p of group) p.resolve(new Set(p.rows.filter((r) => inserted.has(r.id)).map((r) => r.id)));
  }
}
