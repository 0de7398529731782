import { uuid } from '../../kernel/index.ts';
import { USD_EPSILON } from '../cost/index.ts';

/** One scope as this process sees it (see README.md, "The leased ledger"). */
export interface LocalScope {
  readonly key: string;
  /** The limit the last reservation named; undefined: tracked only, never leased. */
  limitUsd: number | undefined;
  /** Open holds of this process. */
  heldUsd: number;
  /** The last amount reserved here (sizes the spare). */
  askUsd: number;
  /** Settled here and not yet added to the store (including what a running sync is writing). */
  pendingUsd: number;
  /** heldUsd + pendingUsd may grow up to this without asking the store; never above the stored lease. */
  capUsd: number;
  /** The lease as last committed to the store (0: none). */
  leaseUsd: number;
  leaseExpiresAt: number;
  lastUsedAt: number;
}

interface LocalHold {
  readonly scopeKeys: readonly string[];
  readonly amountUsd: number;
  readonly at: number;
}

/**
 * This process's side of the leased ledger: its open holds and, per scope,
 * what it holds, what it settled but has not written yet, and how much of its
 * lease it may still use. Every method is synchronous, so on one event loop
 * a reservation that fits is atomic without any lock.
 */
export class LocalBook {
  readonly scopes = new Map<string, LocalScope>();
  readonly holds = new Map<string, LocalHold>();

  /** `marginMs`: a lease is used only while more than this is left before it expires (others stop counting it then). */
  constructor(private readonly marginMs: number) {}

  /** Holds the amount when every scope with a limit has room in its lease; undefined means "ask the store". */
  tryReserve(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>, now: number): string | undefined {
    for (const key of scopeKeys) {
      if (limitsUsd[key] === undefined) continue;
      const scope = this.scopes.get(key);
      if (!scope || !this.fits(scope, amountUsd, now)) return undefined;
    }
    return this.hold(scopeKeys, amountUsd, limitsUsd, now);
  }

  /**
   * Room for `amountUsd` within the usable lease. A lease used to the full
   * refuses even a zero amount here: the budget may be spent, which only the
   * store can tell.
   */
  fits(scope: LocalScope, amountUsd: number, now: number): boolean {
    if (scope.leaseExpiresAt - now <= this.marginMs) return false;
    const used = scope.heldUsd + scope.pendingUsd;
    return used < scope.capUsd - USD_EPSILON && used + amountUsd <= scope.capUsd + USD_EPSILON;
  }

  /** Records a hold unconditionally (the caller has checked the room); returns its id. */
  hold(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>, now: number): string {
    const keys = [...new Set(scopeKeys)];
    for (const key of keys) {
      const scope = this.scope(key);
      scope.limitUsd = limitsUsd[key];
      scope.heldUsd += amountUsd;
      scope.askUsd = amountUsd;
      scope.lastUsedAt = now;
    }
    const id = uuid();
    this.holds.set(id, { scopeKeys: keys, amountUsd, at: now });
    return id;
  }

  /** Ends a hold: `actualUsd` settles it (becomes pending spend), undefined releases it. False when unknown or already ended. */
  finish(id: string, actualUsd: number | undefined): boolean {
    const hold = this.holds.get(id);
    if (!hold) return false;
    this.holds.delete(id);
    for (const key of hold.scopeKeys) {
      const scope = this.scope(key);
      scope.heldUsd = snap(scope.heldUsd - hold.amountUsd);
      if (actualUsd !== undefined) scope.pendingUsd += actualUsd;
    }
    return true;
  }

  /** Ids of holds taken before `cutoff` (their request died without ending them). */
  staleHolds(cutoff: number): string[] {
    return [...this.holds].filter(([, hold]) => hold.at < cutoff).map(([id]) => id);
  }

  scope(key: string): LocalScope {
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = { key, limitUsd: undefined, heldUsd: 0, askUsd: 0, pendingUsd: 0, capUsd: 0, leaseUsd: 0, leaseExpiresAt: 0, lastUsedAt: 0 };
      this.scopes.set(key, scope);
    }
    return scope;
  }
}

/** Float sums of holds and releases leave dust like 1e-17 where 0 is meant. */
export const snap = (usd: number) => (Math.abs(usd) < 1e-12 ? 0 : usd);
