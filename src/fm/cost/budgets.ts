import type { Clock } from '../../kernel/index.ts';
import type { ModelPrice } from '../catalog/index.ts';
import { BudgetExceededError, UnpricedModelError } from './errors.ts';
import type { BudgetLedger } from './ledger.ts';
import { periodOf } from './periods.ts';
import type { BudgetPeriod } from './periods.ts';

export interface BudgetLimits {
  dailyUsd?: number;
  monthlyUsd?: number;
}

/** Defaults for every key and tenant, with per-id overrides (an override replaces the default wholesale). */
export interface BudgetPolicy {
  key?: BudgetLimits;
  tenant?: BudgetLimits;
  keys?: Record<string, BudgetLimits>;
  tenants?: Record<string, BudgetLimits>;
  /** A model without a price, for a caller with any USD limit: refuse it (the default), or charge it at `fallbackPrice`. */
  unpriced?: 'refuse' | 'fallback';
  fallbackPrice?: ModelPrice;
}

/** A model a request may reach, as budgets see it (a catalog entry fits). */
export interface PricedModel {
  alias: string;
  price: ModelPrice | null;
}

export interface BudgetSubject {
  tenant: string;
  keyId?: string | undefined;
}

export interface BudgetScope {
  scopeKey: string;
  /** e.g. `key daily`. */
  budget: string;
  limitUsd: number | undefined;
  endsAt: number;
}

/** A reservation taken for one request; settle or release it exactly once. */
export interface BudgetHold {
  readonly reservationId: string;
  readonly amountUsd: number;
}

const PERIODS: BudgetPeriod[] = ['daily', 'monthly'];
const MAX_CACHED_SUBJECTS = 10_000;

interface ScopeSet {
  scopes: BudgetScope[];
  keys: string[];
  limits: Record<string, number>;
  /** When the first of these periods ends (the labels change). */
  until: number;
}

/**
 * Per-key and per-tenant, daily and monthly USD budgets over a BudgetLedger.
 * Spend is tracked on all four scopes even without limits, so usage can be
 * reported; periods are UTC days and months.
 */
export class Budgets {
  /** Each subject's scopes until the first of their periods ends: computing keys and period labels is per request otherwise. */
  private readonly cached = new Map<string, ScopeSet>();

  constructor(private readonly deps: { ledger: BudgetLedger; clock: Clock; policy?: BudgetPolicy }) {}

  scopesFor(subject: BudgetSubject): BudgetScope[] {
    return this.scopeSet(subject).scopes;
  }

  private scopeSet(subject: BudgetSubject): ScopeSet {
    const now = this.deps.clock.now();
    const id = `${subject.tenant}\u0000${subject.keyId ?? ''}`;
    const hit = this.cached.get(id);
    if (hit && now < hit.until) return hit;
    const scopes = this.computeScopes(subject, now);
    const limits: Record<string, number> = {};
    for (const s of scopes) if (s.limitUsd !== undefined) limits[s.scopeKey] = s.limitUsd;
    const set: ScopeSet = { scopes, keys: scopes.map((s) => s.scopeKey), limits, until: Math.min(...scopes.map((s) => s.endsAt)) };
    // Bounded: a burst of one-off keys must not grow it for ever.
    if (this.cached.size >= MAX_CACHED_SUBJECTS) this.cached.clear();
    this.cached.set(id, set);
    return set;
  }

  private computeScopes(subject: BudgetSubject, now: number): BudgetScope[] {
    const policy = this.deps.policy ?? {};
    const owners: { kind: 'key' | 'tenant'; id: string; limits: BudgetLimits | undefined }[] = [
      { kind: 'tenant', id: subject.tenant, limits: policy.tenants?.[subject.tenant] ?? policy.tenant },
    ];
    if (subject.keyId !== undefined) {
      owners.unshift({ kind: 'key', id: subject.keyId, limits: policy.keys?.[subject.keyId] ?? policy.key });
    }
    return owners.flatMap((owner) =>
      PERIODS.map((period) => {
        const { label, endsAt } = periodOf(period, now);
        const prefix = owner.kind === 'key' ? `tenant:${subject.tenant}:key:${owner.id}` : `tenant:${owner.id}`;
        return {
          scopeKey: `fm:budget:${prefix}:${period}:${label}`,
          budget: `${owner.kind} ${period}`,
          limitUsd: period === 'daily' ? owner.limits?.dailyUsd : owner.limits?.monthlyUsd,
          endsAt,
        };
      }),
    );
  }

  /** The price budgets charge for a model: its own, else the fallback price (policy `fallback`), else null (unpriced). */
  priceOf(model: PricedModel): ModelPrice | null {
    if (model.price) return model.price;
    const policy = this.deps.policy;
    return policy?.unpriced === 'fallback' && policy.fallbackPrice ? policy.fallbackPrice : null;
  }

  /**
   * Throws FM_MODEL_UNPRICED (403) when any of `models` would run unpriced
   * while a USD limit applies to the subject: it would hold $0 and settle $0,
   * so it could spend past the budget unseen. Callers without a limit may use
   * unpriced models (their cost is reported as unknown).
   */
  checkPriced(subject: BudgetSubject, models: readonly PricedModel[]): void {
    const unpriced = models.filter((m) => this.priceOf(m) === null).map((m) => m.alias);
    if (unpriced.length === 0) return;
    const limited = this.scopesFor(subject).find((s) => s.limitUsd !== undefined);
    if (!limited) return;
    throw new UnpricedModelError({ models: [...new Set(unpriced)], budget: limited.budget, limitUsd: limited.limitUsd! });
  }

  /** Holds `amountUsd` on every scope of the subject, or throws FM_BUDGET_EXCEEDED naming the budget. */
  async reserve(subject: BudgetSubject, amountUsd: number): Promise<BudgetHold> {
    const { scopes, keys, limits } = this.scopeSet(subject);
    const result = await this.deps.ledger.reserve(keys, amountUsd, limits);
    if (result.ok) return { reservationId: result.reservationId, amountUsd };
    const scope = scopes.find((s) => s.scopeKey === result.scopeKey)!;
    const retryAfterSeconds = Math.max(1, Math.ceil((scope.endsAt - this.deps.clock.now()) / 1000));
    throw new BudgetExceededError(
      {
        budget: scope.budget,
        scopeKey: scope.scopeKey,
        limitUsd: result.limitUsd,
        usedUsd: result.usedUsd,
        requestedUsd: amountUsd,
        resetsAt: new Date(scope.endsAt).toISOString(),
      },
      retryAfterSeconds,
    );
  }

  settle(hold: BudgetHold, actualUsd: number): Promise<void> {
    return this.deps.ledger.settle(hold.reservationId, actualUsd);
  }

  release(hold: BudgetHold): Promise<void> {
    return this.deps.ledger.release(hold.reservationId);
  }
}
