import type { Clock } from '../../kernel/index.ts';
import { uuid } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import type { BudgetLedger, ReserveResult, ScopeBalance } from '../cost/index.ts';
import { fm } from '../tables.ts';
import { finishHold } from './finish.ts';
import { reserveHold } from './reserve.ts';

// Float sums of holds and releases leave dust like 1e-17 where 0 is meant.
const snap = (usd: number) => (Math.abs(usd) < 1e-12 ? 0 : usd);

/**
 * The BudgetLedger over the SQL store (`fm_budget_scopes`, `fm_budget_holds`):
 * every operation is one transaction, so replicas sharing PostgreSQL cannot
 * overspend a budget together. Holds left by a crashed request are released
 * by `releaseStale`.
 */
export class SqlBudgetLedger implements BudgetLedger {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  reserve(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>): Promise<ReserveResult> {
    const { store, clock } = this.deps;
    const args = { id: uuid(), scopeKeys, amountUsd, limitsUsd, now: clock.now() };
    return store.transaction((tx) => reserveHold(tx, store.caps, args));
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
    return store.transaction((tx) => finishHold(tx, store.caps, id, actualUsd, clock.now()));
  }
}
