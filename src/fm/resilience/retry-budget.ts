import type { Clock } from '../../kernel/index.ts';
import { SlidingCounter } from './sliding-window.ts';

export interface RetryBudgetOptions {
  /** Retries allowed per request over the window. Default 0.2 (20 %). */
  ratio?: number;
  /** Retries always allowed per window, so a quiet service can still retry. Default 10. */
  minRetries?: number;
  /** Default 10 s. */
  windowMs?: number;
}

export const RETRY_BUDGET_DEFAULTS: Required<RetryBudgetOptions> = { ratio: 0.2, minRetries: 10, windowMs: 10_000 };

interface Ledger {
  requests: SlidingCounter;
  retries: SlidingCounter;
}

/**
 * Caps retries at `minRetries + ratio × requests` per key over a sliding
 * window (Finagle's RetryBudget idea), so during an outage retries add at most
 * `ratio` extra load instead of multiplying it by the retry count.
 */
export class RetryBudget {
  private readonly opts: Required<RetryBudgetOptions>;
  private readonly ledgers = new Map<string, Ledger>();

  constructor(options: RetryBudgetOptions, private readonly clock: Clock) {
    this.opts = { ...RETRY_BUDGET_DEFAULTS, ...options };
  }

  recordRequest(key: string): void {
    this.ledger(key).requests.add(this.clock.now());
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryRetry(key: string): boolean {
    const now = this.clock.now();
    const ledger = this.ledger(key);
    const allowed = this.opts.minRetries + this.opts.ratio * ledger.requests.sum(now);
    if (ledger.retries.sum(now) + 1 > allowed) return false;
    ledger.retries.add(now);
    return true;
  }

  private ledger(key: string): Ledger {
    let ledger = this.ledgers.get(key);
    if (!ledger) {
      ledger = { requests: new SlidingCounter(this.opts.windowMs), retries: new SlidingCounter(this.opts.windowMs) };
      this.ledgers.set(key, ledger);
    }
    return ledger;
  }
}
