import type { AnyTx, Store } from '../../store/index.ts';

interface Pending {
  work: (tx: AnyTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * Group commit for a single-writer store: units of work queued in the same
 * turn of the event loop run one after another inside one transaction, so a
 * busy gateway pays one commit for many reservations and settlements instead
 * of one each. Each unit sees the effects of those before it, exactly as if
 * they had run in sequence. If the batch fails, each unit is retried alone,
 * so one bad unit cannot fail the others.
 */
export class GroupCommit {
  private pending: Pending[] = [];

  constructor(private readonly store: Store) {}

  run<T>(work: (tx: AnyTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      let results: unknown[];
      try {
        results = await this.store.transaction(async (tx) => {
          const out: unknown[] = [];
          for (const p of batch) out.push(await p.work(tx));
          return out;
        });
      } catch {
        for (const p of batch) this.store.transaction(p.work).then(p.resolve, p.reject);
        continue;
      }
      batch.forEach((p, i) => p.resolve(results[i]));
    }
  }
}
