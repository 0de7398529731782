import type { Clock } from '../../kernel/index.ts';
import { uuid } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import type { BudgetLedger, ReserveResult, ScopeBalance } from '../cost/index.ts';
import { fm } from '../tables.ts';
import { syncRound, type RoundDeps, type Waiter } from './lease-round.ts';
import { LocalBook, snap } from './local-book.ts';
import { Serial } from './serial.ts';

/** `fm.budgets.ledger` in hashi.yaml. */
export interface LeaseSettings {
  /** How often settled spend is written and leases renewed, grown or trimmed. Default 200 ms. */
  flushIntervalMs?: number;
  /** A lease not renewed for this long stops counting (its process died). Default 10 s. */
  leaseTtlMs?: number;
  /** Spare allowance a process keeps while a budget is ample, as a share of the limit. Default 0.01. */
  leaseFraction?: number;
  /** A scope unused this long keeps no spare (and is forgotten when nothing is left on it). Default 5 s. */
  idleMs?: number;
}

export const LEASE_DEFAULTS: Required<LeaseSettings> = { flushIntervalMs: 200, leaseTtlMs: 10_000, leaseFraction: 0.01, idleMs: 5_000 };

/** At most this many scopes per sync transaction (bounded statements). */
const MAX_KEYS_PER_SYNC = 500;
const DONE = Promise.resolve();

/**
 * The BudgetLedger the gateway uses: reservations and settlements are
 * counted in memory against leases of allowance taken from the store, and
 * written in the background, so the common case costs no SQL round trip on
 * the request path. Concurrent requests, in this process or in others
 * sharing the store, still cannot overspend: see README.md for exactly what
 * is guaranteed.
 */
export class LeasedBudgetLedger implements BudgetLedger {
  readonly owner = uuid();
  private readonly settings: Required<LeaseSettings>;
  private readonly book: LocalBook;
  private readonly serial = new Serial();
  private readonly round: RoundDeps;
  private queue: Waiter[] = [];
  private kicked = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly deps: { store: Store; clock: Clock; settings?: LeaseSettings; onError?: (err: unknown) => void }) {
    this.settings = { ...LEASE_DEFAULTS, ...deps.settings };
    // A lease is used locally only while a quarter of its TTL is left: others stop counting it at expiry.
    this.book = new LocalBook(this.settings.leaseTtlMs / 4);
    this.round = { store: deps.store, book: this.book, owner: this.owner, known: new Set(), parked: new Map(), ...this.settings };
  }

  reserve(scopeKeys: readonly string[], amountUsd: number, limitsUsd: Readonly<Record<string, number>>): Promise<ReserveResult> {
    this.ensureTimer();
    const id = this.book.tryReserve(scopeKeys, amountUsd, limitsUsd, this.deps.clock.now());
    if (id !== undefined) return Promise.resolve({ ok: true, reservationId: id });
    return new Promise((resolve, reject) => {
      this.queue.push({ ask: { scopeKeys, amountUsd, limitsUsd, waited: false }, resolve, reject });
      this.kick();
    });
  }

  settle(reservationId: string, actualUsd: number): Promise<void> {
    this.book.finish(reservationId, actualUsd);
    return DONE;
  }

  release(reservationId: string): Promise<void> {
    this.book.finish(reservationId, undefined);
    return DONE;
  }

  /** The store's settled spend plus this process's unwritten part; reserved: this process's holds plus what the others last reported. */
  balance(scopeKey: string): Promise<ScopeBalance> {
    return this.serial.run(async () => {
      const db = this.deps.store.db;
      const row = await fm(db).selectFrom('fm_budget_scopes').select('settled_usd').where('scope_key', '=', scopeKey).executeTakeFirst();
      const others = await fm(db)
        .selectFrom('fm_budget_leases')
        .select('held_usd')
        .where('scope_key', '=', scopeKey)
        .where('owner', '<>', this.owner)
        .where('expires_at', '>', this.deps.clock.now())
        .execute();
      const local = this.book.scopes.get(scopeKey);
      return {
        settledUsd: snap(Number(row?.settled_usd ?? 0) + (local?.pendingUsd ?? 0)),
        reservedUsd: snap((local?.heldUsd ?? 0) + others.reduce((sum, o) => sum + Number(o.held_usd), 0)),
      };
    });
  }

  /** Writes every settled amount and renews, grows or trims every lease now (the timer does it every flushIntervalMs). */
  flush(): Promise<void> {
    return this.serial.run(async () => {
      const keys = [...this.book.scopes.keys()];
      for (let i = 0; i < keys.length; i += MAX_KEYS_PER_SYNC) {
        const { waiting } = await syncRound(this.round, keys.slice(i, i + MAX_KEYS_PER_SYNC), [], this.deps.clock.now());
        this.retryLater(waiting);
      }
    });
  }

  /** Releases this process's holds older than `olderThanMs` (their request died) and deletes expired leases; returns how many holds. */
  async releaseStale(olderThanMs: number): Promise<number> {
    const now = this.deps.clock.now();
    const stale = this.book.staleHolds(now - olderThanMs);
    for (const id of stale) this.book.finish(id, undefined);
    await fm(this.deps.store.db).deleteFrom('fm_budget_leases').where('expires_at', '<=', now).execute();
    return stale.length;
  }

  /** Stops the timer, writes what is pending and hands every lease back. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.serial.run(async () => {
      await fm(this.deps.store.db).deleteFrom('fm_budget_leases').where('owner', '=', this.owner).execute();
      for (const scope of this.book.scopes.values()) Object.assign(scope, { leaseUsd: 0, capUsd: 0, leaseExpiresAt: 0 });
    });
  }

  /** One sync for the queued asks (and whatever queues while it waits for its turn). */
  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    void this.serial
      .run(async () => {
        this.kicked = false;
        const now = this.deps.clock.now();
        // Retried asks stop showing their demand only now, in the round that answers them: a flush that
        // ran between their timer and this round would otherwise tell the others the budget is ample again.
        for (const w of this.queue) if (w.parked) this.park(w, -1);
        // A sync that ran meanwhile may have made room.
        const waiters = this.queue.filter((w) => {
          const id = this.book.tryReserve(w.ask.scopeKeys, w.ask.amountUsd, w.ask.limitsUsd, now);
          if (id !== undefined) w.resolve({ ok: true, reservationId: id });
          return id === undefined;
        });
        this.queue = [];
        if (waiters.length === 0) return;
        const keys = [...new Set(waiters.flatMap((w) => w.ask.scopeKeys))];
        const { waiting } = await syncRound(this.round, keys, waiters, now);
        this.retryLater(waiting);
      })
      .catch((err: unknown) => this.deps.onError?.(err));
  }

  /** Asks that fit once other processes trim their spare (at their next flush) are tried once more, two intervals later. */
  private retryLater(waiting: Waiter[]): void {
    if (waiting.length === 0) return;
    for (const w of waiting) this.park(w, 1);
    setTimeout(() => {
      for (const w of waiting) this.queue.push({ ...w, parked: true, ask: { ...w.ask, waited: true } });
      this.kick();
    }, 2 * this.settings.flushIntervalMs).unref();
  }

  /** Shows (or stops showing) a waiting ask's demand on its scopes to the other processes, as held. */
  private park(w: Waiter, sign: 1 | -1): void {
    const { parked } = this.round;
    for (const key of new Set(w.ask.scopeKeys)) {
      if (w.ask.limitsUsd[key] === undefined) continue;
      const left = (parked.get(key) ?? 0) + sign * w.ask.amountUsd;
      if (left > 1e-12) parked.set(key, left);
      else parked.delete(key);
    }
  }

  private ensureTimer(): void {
    if (this.timer || this.settings.flushIntervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.settings.flushIntervalMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    this.flush()
      .catch((err: unknown) => this.deps.onError?.(err))
      .finally(() => {
        this.ticking = false;
        // Nothing left to write or renew: the timer stops until the next reservation.
        if (this.book.scopes.size === 0 && this.book.holds.size === 0 && this.queue.length === 0 && this.timer) {
          clearInterval(this.timer);
          this.timer = undefined;
        }
      });
  }
}
