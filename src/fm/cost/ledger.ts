/**
 * The budget ledger port. Spend is tracked per scope key (e.g. a tenant's
 * day); a reservation holds an amount against several scopes at once until it
 * is settled with the real cost or released. The memory adapter lives here;
 * the SQL one implements the same contract (`ledger-contract.ts`).
 */
export type ReserveResult =
  | { ok: true; reservationId: string }
  | {
      ok: false;
      /** The first scope (in the order given) that would pass its limit. */
      scopeKey: string;
      limitUsd: number;
      /** Settled plus reserved on that scope before this request. */
      usedUsd: number;
    };

export interface ScopeBalance {
  settledUsd: number;
  reservedUsd: number;
}

export interface BudgetLedger {
  /**
   * Atomically (across all scopes and across concurrent callers) holds
   * `amountUsd` on every scope, or on none. A scope with a limit refuses when
   * its used amount has reached the limit, or when used + amount would pass it.
   * Scopes without a limit entry are tracked, never refused.
   */
  reserve(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>): Promise<ReserveResult>;
  /** Replaces the held amount by the real cost on every scope. Unknown or already-finished ids are ignored. */
  settle(reservationId: string, actualUsd: number): Promise<void>;
  /** Drops the hold. Unknown or already-finished ids are ignored. */
  release(reservationId: string): Promise<void>;
  balance(scopeKey: string): Promise<ScopeBalance>;
}

/** Absorbs float noise (0.1 + 0.2) so an exact fit is not refused. */
export const USD_EPSILON = 1e-9;

/** A spent budget refuses everything, even a zero-cost (unpriced) call; otherwise the amount must fit. */
export function wouldExceed(usedUsd: number, amountUsd: number, limitUsd: number): boolean {
  if (usedUsd >= limitUsd - USD_EPSILON) return true;
  return usedUsd + amountUsd > limitUsd + USD_EPSILON;
}
