import type { Store } from '../../store/index.ts';
import { USD_EPSILON, type ReserveResult } from '../cost/index.ts';
import { leaseStays, planLeases, type AskOutcome, type LeaseAsk, type LeaseView } from './lease-plan.ts';
import { syncLeases, type LeaseWrites, type StoredScope } from './lease-sync.ts';
import { snap, type LocalBook } from './local-book.ts';

export interface Waiter {
  ask: LeaseAsk;
  resolve: (result: ReserveResult) => void;
  reject: (err: unknown) => void;
  /** Retried after waiting: its demand is still shown to the others until its round runs. */
  parked?: boolean;
}

export interface RoundDeps {
  store: Store;
  book: LocalBook;
  owner: string;
  /** Scope rows known to exist (no INSERT needed). */
  known: Set<string>;
  /** Per scope, what asks waiting for other processes' spare still want: kept visible to them until the retry. */
  parked: Map<string, number>;
  leaseTtlMs: number;
  leaseFraction: number;
  idleMs: number;
}

/**
 * One sync of the leased ledger: writes the settled spend of `keys`, renews,
 * grows or trims this process's leases on them, and answers the queued
 * asks, in one transaction. Asks that would fit once other processes hand
 * back spare come back as `waiting` (the caller retries them once).
 */
export async function syncRound(deps: RoundDeps, keys: readonly string[], waiters: readonly Waiter[], now: number): Promise<{ waiting: Waiter[] }> {
  const { book } = deps;
  for (const w of waiters) for (const key of w.ask.scopeKeys) if (w.ask.limitsUsd[key] !== undefined) book.scope(key).limitUsd = w.ask.limitsUsd[key];
  const asked = new Set(waiters.flatMap((w) => w.ask.scopeKeys.filter((key) => w.ask.limitsUsd[key] !== undefined)));
  const all = [...new Set([...keys, ...asked])];
  const deltas = new Map<string, number>();
  for (const key of all) {
    const scope = book.scope(key);
    if (scope.pendingUsd !== 0) deltas.set(key, scope.pendingUsd);
  }
  const leased = all.filter((key) => book.scope(key).limitUsd !== undefined);
  // A scope that lost its limit (configuration changed) gives its lease back.
  const unleased = all.filter((key) => book.scope(key).limitUsd === undefined && book.scope(key).leaseExpiresAt !== 0);
  const create = [...new Set([...deltas.keys(), ...leased])].filter((key) => !deps.known.has(key));
  const granted: { index: number; id: string }[] = [];
  let outcomes: AskOutcome[] = [];
  let writes: LeaseWrites = new Map();
  try {
    await deps.store.transaction((tx) =>
      syncLeases(tx, deps.store.caps, { create, deltas, leased, owner: deps.owner, now }, (stored) => {
        ({ outcomes, writes } = decide(deps, stored, deltas, waiters, asked, now, granted));
        for (const key of unleased) writes.set(key, { amountUsd: 0, heldUsd: 0, expiresAt: now });
        return writes;
      }),
    );
  } catch (err) {
    for (const g of granted) book.finish(g.id, undefined);
    for (const w of waiters) w.reject(err);
    throw err;
  }
  commit(deps, all, deltas, writes, create);
  const waiting: Waiter[] = [];
  outcomes.forEach((outcome, i) => {
    const w = waiters[i]!;
    if (outcome.kind === 'grant') w.resolve({ ok: true, reservationId: granted.find((g) => g.index === i)!.id });
    else if (outcome.kind === 'refuse') w.resolve({ ok: false, scopeKey: outcome.scopeKey, limitUsd: outcome.limitUsd, usedUsd: snap(outcome.usedUsd) });
    else waiting.push(w);
  });
  forgetIdle(deps, all, now);
  return { waiting };
}

/** Inside the transaction, synchronously: plan, hold the granted asks, and shrink the usable caps until commit. */
function decide(deps: RoundDeps, stored: Map<string, StoredScope>, deltas: Map<string, number>, waiters: readonly Waiter[], asked: Set<string>, now: number, granted: { index: number; id: string }[]) {
  const { book } = deps;
  const views = new Map<string, LeaseView>();
  for (const [key, s] of stored) {
    const scope = book.scope(key);
    const committedUsd = scope.heldUsd + scope.pendingUsd - (deltas.get(key) ?? 0);
    const busy = asked.has(key) || deps.parked.has(key) || now - scope.lastUsedAt <= deps.idleMs;
    const asking = waiters.find((w) => w.ask.scopeKeys.includes(key));
    const askUsd = asking ? Math.max(asking.ask.amountUsd, scope.askUsd) : scope.askUsd;
    views.set(key, { limitUsd: scope.limitUsd!, ...s, committedUsd, askUsd, idle: !busy });
  }
  const plan = planLeases(views, waiters.map((w) => w.ask), deps.leaseFraction);
  plan.outcomes.forEach((o, index) => {
    if (o.kind === 'grant') granted.push({ index, id: book.hold(waiters[index]!.ask.scopeKeys, waiters[index]!.ask.amountUsd, waiters[index]!.ask.limitsUsd, now) });
  });
  const writes: LeaseWrites = new Map();
  for (const [key, lease] of plan.leases) {
    const scope = book.scope(key);
    const renewDue = scope.leaseExpiresAt - now < deps.leaseTtlMs / 2;
    const wantedUsd = lease.wantedUsd + (deps.parked.get(key) ?? 0);
    const stays = scope.leaseUsd > 0 && leaseStays(scope.leaseUsd, lease) && wantedUsd === 0;
    const amountUsd = stays ? scope.leaseUsd : lease.targetUsd;
    if (!stays || (renewDue && amountUsd > 0)) {
      writes.set(key, { amountUsd, heldUsd: lease.floorUsd + wantedUsd, expiresAt: now + deps.leaseTtlMs });
    }
    // The store keeps the old lease until commit: until then the cap may only shrink.
    scope.capUsd = Math.min(scope.capUsd, amountUsd + (deltas.get(key) ?? 0));
  }
  return { outcomes: plan.outcomes, writes };
}

function commit(deps: RoundDeps, all: readonly string[], deltas: Map<string, number>, writes: LeaseWrites, create: readonly string[]) {
  const { book } = deps;
  for (const key of create) deps.known.add(key);
  for (const key of all) {
    const scope = book.scope(key);
    scope.pendingUsd = snap(scope.pendingUsd - (deltas.get(key) ?? 0));
  }
  for (const [key, w] of writes) {
    const scope = book.scope(key);
    const holds = w.amountUsd > 0 || w.heldUsd > 0;
    scope.leaseUsd = w.amountUsd;
    scope.leaseExpiresAt = holds ? w.expiresAt : 0;
  }
  for (const key of all) book.scope(key).capUsd = book.scope(key).limitUsd === undefined ? 0 : book.scope(key).leaseUsd;
}

/** Scopes with nothing held, pending or leased, unused for a while (a past period, a quiet key): dropped from memory. */
function forgetIdle(deps: RoundDeps, keys: readonly string[], now: number) {
  for (const key of keys) {
    const scope = deps.book.scopes.get(key);
    if (!scope || scope.heldUsd !== 0 || Math.abs(scope.pendingUsd) > USD_EPSILON || scope.leaseExpiresAt !== 0) continue;
    if (now - scope.lastUsedAt <= deps.idleMs) continue;
    deps.book.scopes.delete(key);
    deps.known.delete(key);
  }
}
