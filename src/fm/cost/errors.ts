import { defineCodes, LimitError } from '../../kernel/index.ts';

/**
 * Budget refusals are 429, not 402: the caller's remedy is to wait for the
 * period to roll over (Retry-After says when), which is what 429 means to
 * every HTTP client; 402 has no agreed semantics and clients rarely handle it.
 */
export const COST_CODES = defineCodes({
  FM_BUDGET_EXCEEDED: { status: 429, description: 'A daily or monthly USD budget (per key or per tenant) would be exceeded; details name the budget.' },
});

export interface BudgetRefusalDetails {
  /** e.g. `key daily`, `tenant monthly`. */
  budget: string;
  scopeKey: string;
  limitUsd: number;
  usedUsd: number;
  requestedUsd: number;
  resetsAt: string;
}

export class BudgetExceededError extends LimitError {
  declare readonly details: BudgetRefusalDetails;
  constructor(details: BudgetRefusalDetails, retryAfterSeconds: number) {
    super('FM_BUDGET_EXCEEDED', `The ${details.budget} budget of $${details.limitUsd} would be exceeded`, {
      status: 429,
      retryAfterSeconds,
      details,
    });
    this.name = 'BudgetExceededError';
  }
}
