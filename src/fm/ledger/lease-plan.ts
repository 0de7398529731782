import { USD_EPSILON, wouldExceed } from '../cost/index.ts';

/** A scope with a limit, as a sync sees it inside its transaction (the scope row locked). */
export interface LeaseView {
  limitUsd: number;
  /** Settled in the store, this sync's own delta included. */
  settledUsd: number;
  /** Unexpired leases of other processes: their allowance, and what they last said they used of it. */
  othersLeaseUsd: number;
  othersHeldUsd: number;
  others: number;
  /** This process: held plus settled-not-yet-written, after this sync. */
  committedUsd: number;
  /** The last amount asked on the scope here: spare is sized to hold a few of them. */
  askUsd: number;
  /** Unused for a while: keep no spare. */
  idle: boolean;
}

/** A reservation that did not fit its local lease. */
export interface LeaseAsk {
  scopeKeys: readonly string[];
  amountUsd: number;
  limitsUsd: Readonly<Record<string, number>>;
  /** Already waited once for other processes to hand back spare allowance. */
  waited: boolean;
}

export type AskOutcome =
  | { kind: 'grant' }
  | { kind: 'refuse'; scopeKey: string; limitUsd: number; usedUsd: number }
  /** It would fit if other processes returned their unused allowance, which they do at their next flush. */
  | { kind: 'wait' };

/** The lease to hold on a scope: `target`, or anything within `slack` of it between `floor` and `ceiling`. */
export interface LeaseTarget {
  targetUsd: number;
  /** What this process has committed on the scope (asks granted included): a lease never goes below it. */
  floorUsd: number;
  /** What the other processes and the settled spend leave free. */
  ceilingUsd: number;
  slackUsd: number;
  /** What asks that must wait still want here: shown to the others as held, so they see the budget is tight. */
  wantedUsd: number;
}

export interface LeasePlan {
  outcomes: AskOutcome[];
  leases: Map<string, LeaseTarget>;
}

/**
 * Decides, in queue order, which asks fit what the store has free (all
 * scopes or none, like any reservation), then the lease to hold on each
 * scope. Pure: the caller applies it inside the same transaction.
 */
export function planLeases(views: ReadonlyMap<string, LeaseView>, asks: readonly LeaseAsk[], fraction: number): LeasePlan {
  const committed = new Map([...views].map(([key, v]) => [key, v.committedUsd]));
  const wanted = new Map<string, number>();
  const outcomes = asks.map((ask): AskOutcome => {
    for (const key of ask.scopeKeys) {
      const limitUsd = ask.limitsUsd[key];
      const view = views.get(key);
      if (limitUsd === undefined || !view) continue;
      const usedUsd = view.settledUsd + view.othersLeaseUsd + committed.get(key)!;
      if (!wouldExceed(usedUsd, ask.amountUsd, limitUsd)) continue;
      const othersSpare = Math.max(0, view.othersLeaseUsd - view.othersHeldUsd);
      if (!ask.waited && othersSpare > USD_EPSILON && !wouldExceed(usedUsd - othersSpare, ask.amountUsd, limitUsd)) {
        for (const k of new Set(ask.scopeKeys)) if (views.has(k)) wanted.set(k, (wanted.get(k) ?? 0) + ask.amountUsd);
        return { kind: 'wait' };
      }
      return { kind: 'refuse', scopeKey: key, limitUsd, usedUsd };
    }
    for (const key of new Set(ask.scopeKeys)) {
      if (views.has(key) && ask.limitsUsd[key] !== undefined) committed.set(key, committed.get(key)! + ask.amountUsd);
    }
    return { kind: 'grant' };
  });
  const leases = new Map([...views].map(([key, v]) => [key, { ...leaseFor(v, committed.get(key)!, fraction), wantedUsd: wanted.get(key) ?? 0 }]));
  return { outcomes, leases };
}

/** Whether the lease held now can stay as it is (saves a write on most syncs). */
export function leaseStays(currentUsd: number, lease: LeaseTarget): boolean {
  return (
    currentUsd >= lease.floorUsd - USD_EPSILON &&
    currentUsd <= Math.max(lease.floorUsd, lease.ceilingUsd) + USD_EPSILON &&
    Math.abs(currentUsd - lease.targetUsd) <= lease.slackUsd + USD_EPSILON
  );
}

/** Spare is sized to hold this many asks like the last one… */
export const SPARE_ASKS = 16;
/** …within these shares of the limit (the lower one is `leaseFraction`). */
export const MAX_SPARE_FRACTION = 0.1;

/** The spare a process keeps on an ample scope: leaseFraction of the limit, or SPARE_ASKS asks if more, at most a tenth of the limit. */
export function spareFor(limitUsd: number, askUsd: number, fraction: number): number {
  return Math.min(Math.max(limitUsd * fraction, SPARE_ASKS * askUsd), limitUsd * Math.max(MAX_SPARE_FRACTION, fraction));
}

/**
 * What is committed, plus spare while the budget is ample, never more than
 * the other processes leave free. The budget is ample while what nobody has
 * used yet could give every lease holder that spare; below that it is tight:
 * every holder drops its spare at its next sync, and reservations that do not
 * fit go to the store one transaction at a time.
 */
export function leaseFor(view: LeaseView, committedUsd: number, fraction: number): Omit<LeaseTarget, 'wantedUsd'> {
  const ceilingUsd = view.limitUsd - view.settledUsd - view.othersLeaseUsd;
  const spare = view.idle ? 0 : spareFor(view.limitUsd, view.askUsd, fraction);
  const unclaimed = view.limitUsd - view.settledUsd - view.othersHeldUsd - committedUsd;
  const ample = spare > 0 && unclaimed >= (view.others + 1) * spare;
  const want = committedUsd + (ample ? spare : 0);
  const floorUsd = Math.max(committedUsd, 0);
  return { targetUsd: Math.max(floorUsd, Math.min(want, ceilingUsd)), floorUsd, ceilingUsd, slackUsd: ample ? spare / 2 : 0 };
}
