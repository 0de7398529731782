import type { AnyTx, Store } from '../../store/index.ts';

interface Unit {
  /** The delivery's source and idempotency key: two units with the same one never share a transaction. */
  key: string;
  work: (tx: AnyTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** A unit threw: the batch rolls back, that unit gets its error, the others run again. */
class UnitFailed {
  constructor(
    readonly index: number,
    readonly err: unknown,
  ) {}
}

const MAX_BATCH = 64;

/**
 * Group commit of accepts on a single-writer store (SQLite): accepts that
 * arrive while a transaction runs share the next one, so a busy receiver pays
 * one BEGIN/COMMIT (and one share of the WAL) for many deliveries. The store
 * serialises writers anyway; each unit runs alone in its turn and sees the
 * effects of the units before it, as if they had run one after another.
 *
 * Two deliveries with the same key are never in one batch: the later one
 * waits for the batch holding the earlier to commit or roll back, exactly as
 * it would wait for the writer lock, and then sees the key completed (or free).
 * If a unit throws, the whole batch rolls back (its after-commit hooks are
 * dropped with it), that unit alone gets its error, and the others run again
 * in the next batch; nothing is answered before its batch has committed.
 */
export class GroupAccept {
  private pending: Unit[] = [];
  private flushing = false;

  constructor(private readonly store: Store) {}

  run<T>(key: string, work: (tx: AnyTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ key, work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) await this.runBatch(this.takeBatch());
    this.flushing = false;
  }

  /** The oldest pending units, at most one per key, in arrival order. */
  private takeBatch(): Unit[] {
    const keys = new Set<string>();
    const batch: Unit[] = [];
    const rest: Unit[] = [];
    for (const unit of this.pending) {
      if (batch.length < MAX_BATCH && !keys.has(unit.key)) {
        keys.add(unit.key);
        batch.push(unit);
      } else rest.push(unit);
    }
    this.pending = rest;
    return batch;
  }

  private async runBatch(batch: Unit[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.store.transaction(async (tx) => {
        const out: unknown[] = [];
        for (const [index, unit] of batch.entries()) {
          try {
            out.push(await unit.work(tx));
          } catch (err) {
            throw new UnitFailed(index, err);
          }
        }
        return out;
      });
    } catch (err) {
      if (!(err instanceof UnitFailed)) {
        // BEGIN or COMMIT failed: as if each unit's own transaction had.
        for (const unit of batch) unit.reject(err);
        return;
      }
      batch[err.index]!.reject(err.err);
      this.pending.unshift(...batch.filter((_, i) => i !== err.index));
      return;
    }
    batch.forEach((unit, i) => unit.resolve(results[i]));
  }
}
