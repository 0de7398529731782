import type { Clock } from '../../kernel/index.ts';
import { uuid } from '../../kernel/index.ts';
import type { AnyTx, Store } from '../../store/index.ts';
import type { BudgetLedger, ReserveResult, ScopeBalance } from '../cost/index.ts';
import { fm } from '../tables.ts';
import { finishHold } from './finish.ts';
import { GroupCommit } from './group-commit.ts';
import { reserveHold } from './reserve.ts';

// Float sums of holds and releases leave dust like 1e-17 where 0 is meant.
const snap = (usd: number) => (Math.abs(usd) < 1e-12 ? 0 : usd);

/**
 * The BudgetLedger over the SQL store (`fm_budget_scopes`, `fm_budget_holds`):
 * every operation runs in a transaction, so replicas sharing PostgreSQL cannot
 * overspend a budget together. On a single-writer store (SQLite) concurrent
 * operations share one transaction (group commit); with concurrent writers
 * each has its own, so row locks are only ever taken in key order. Holds left
 * by a crashed request are released by `releaseStale`.
 */
export class SqlBudgetLedger implements BudgetLedger {
  private readonly run: <T>(work: (tx: AnyTx) => Promise<T>) => Promise<T>;

  constructor(private readonly deps: { store: Store; clock: Clock }) {
    const { store } = deps;
    if (store.caps.singleWriter) {
      const group = new GroupCommit(store);
      this.run = (work) => group.run(work);
    } else {
      this.run = (work) => store.transaction(work);
    }
  }

  reserve(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>): Promise<ReserveResult> {
    const { store, clock } = this.deps;
    return this.run((tx) => reserveHold(tx, store.caps, { id: uuid(), scopeKeys, amountUsd, limitsUsd, now: clock.now() }));
  }

  async settle(reservationId: string, actualUsd: number): Promise<void> {
    await this.finish(reservationId, actualUsd);
  }

  async release(reservationId: string): Promise<void> {
    await this.finish(reservationId, undefined);
  }

  async balance(scopeKey: string): Promise<ScopeBalance> {
    const row = await fm(this.deps.store.db).selectFrom('fm_budget_scopes').selectAll().where('scope_key', '=', scopeKey).executeTakeFirst();
    return { settledUsd: snap(Number(row?.settled_usd ?? 0)), reservedUsd: snap(Number(row?.reserved_usd ?? 0)) };
  }

  /** Releases holds older than `olderThanMs` (their request died without settling); returns how many. */
  async releaseStale(olderThanMs: number): Promise<number> {
    const cutoff = this.deps.clock.now() - olderThanMs;
    const stale = await fm(this.deps.store.db).selectFrom('fm_budget_holds').select('id').where('created_at', '<', cutoff).limit(500).execute();
    let released = 0;
    for (const { id } of stale) if (await this.finish(id, undefined)) released += 1;
    return released;
  }

  private finish(id: string, actualUsd: number | undefined): Promise<boolean> {
    const { store, clock } = this.deps;
    return this.run((tx) => finishHold(tx, store.caps, id, actualUsd, clock.now()));
  }
}
