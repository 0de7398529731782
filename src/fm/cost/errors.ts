import { defineCodes, HashiError, LimitError } from '../../kernel/index.ts';

/**
 * Budget refusals are 429, not 402: the caller's remedy is to wait for the
 * period to roll over (Retry-After says when), which is what 429 means to
 * every HTTP client; 402 has no agreed semantics and clients rarely handle it.
 */
export const COST_CODES = defineCodes({
  FM_BUDGET_EXCEEDED: { status: 429, description: 'A daily or monthly USD budget (per key or per tenant) would be exceeded; details name the budget.' },
  FM_MODEL_UNPRICED: {
    status: 403,
    description: 'The request could reach a model without a price while a USD budget applies to the caller; give the model a price (fm.models.<alias>.price) or set fm.budgets.unpriced: fallback with a fallbackPrice.',
  },
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

export interface UnpricedRefusalDetails {
  /** The catalog aliases without a price the request could reach. */
  models: string[];
  /** The budget that makes a price necessary, e.g. `key daily`. */
  budget: string;
  limitUsd: number;
}

/**
 * 403: the operator's configuration, not the caller's request, decides
 * whether an unpriced model may run under a budget; retrying will not help,
 * choosing a priced model will.
 */
export class UnpricedModelError extends HashiError {
  declare readonly details: UnpricedRefusalDetails;
  constructor(details: UnpricedRefusalDetails) {
    const [model] = details.models;
    super(
      'FM_MODEL_UNPRICED',
      `Model "${model}" has no price and the ${details.budget} budget ($${details.limitUsd}) applies to this caller: ` +
        `set fm.models.${model}.price, or fm.budgets.unpriced: fallback with fm.budgets.fallbackPrice, or use a priced model`,
      { status: 403, details },
    );
    this.name = 'UnpricedModelError';
  }
}
