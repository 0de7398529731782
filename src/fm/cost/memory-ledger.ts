import { uuid } from '../../kernel/index.ts';
import { wouldExceed } from './ledger.ts';
import type { BudgetLedger, ReserveResult, ScopeBalance } from './ledger.ts';

interface Hold {
  scopeKeys: readonly string[];
  amountUsd: number;
}

/**
 * The in-process ledger. Each method runs to completion without awaiting, so
 * on one event loop a reservation is atomic. Scopes are never pruned: keys
 * carry their period (`…:day:2026-01-01`), so a long-running process should
 * use the SQL ledger or be restarted now and then.
 */
export class MemoryBudgetLedger implements BudgetLedger {
  private readonly scopes = new Map<string, ScopeBalance>();
  private readonly holds = new Map<string, Hold>();

  async reserve(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>): Promise<ReserveResult> {
    for (const scopeKey of scopeKeys) {
      const limitUsd = limitsUsd[scopeKey];
      if (limitUsd === undefined) continue;
      const usedUsd = this.used(scopeKey);
      if (wouldExceed(usedUsd, amountUsd, limitUsd)) return { ok: false, scopeKey, limitUsd, usedUsd };
    }
    for (const scopeKey of scopeKeys) this.scope(scopeKey).reservedUsd += amountUsd;
    const reservationId = uuid();
    this.holds.set(reservationId, { scopeKeys: [...scopeKeys], amountUsd });
    return { ok: true, reservationId };
  }

  async settle(reservationId: string, actualUsd: number): Promise<void> {
    const hold = this.take(reservationId);
    if (!hold) return;
    for (const scopeKey of hold.scopeKeys) this.scope(scopeKey).settledUsd += actualUsd;
  }

  async release(reservationId: string): Promise<void> {
    this.take(reservationId);
  }

  async balance(scopeKey: string): Promise<ScopeBalance> {
    const s = this.scopes.get(scopeKey);
    return { settledUsd: s?.settledUsd ?? 0, reservedUsd: s?.reservedUsd ?? 0 };
  }

  private take(reservationId: string): Hold | undefined {
    const hold = this.holds.get(reservationId);
    if (!hold) return undefined;
    this.holds.delete(reservationId);
    for (const scopeKey of hold.scopeKeys) this.scope(scopeKey).reservedUsd -= hold.amountUsd;
    return hold;
  }

  private used(scopeKey: string): number {
    const s = this.scopes.get(scopeKey);
    return s ? s.settledUsd + s.reservedUsd : 0;
  }

  private scope(scopeKey: string): ScopeBalance {
    let s = this.scopes.get(scopeKey);
    if (!s) {
      s = { settledUsd: 0, reservedUsd: 0 };
      this.scopes.set(scopeKey, s);
    }
    return s;
  }
}
