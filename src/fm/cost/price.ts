import type { ModelPrice } from '../catalog/index.ts';

const PER_MILLION = 1_000_000;

/**
 * What a price needs to know of a call (the IR's IrUsage has this shape):
 * `inputTokens` EXCLUDES prompt-cache reads and writes, which are counted
 * and priced apart.
 */
export interface PricedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number | undefined;
  cacheWriteTokens?: number | undefined;
}

/**
 * A price that leaves cache tokens out charges them so a budget is never
 * undercut: reads at the input price (every provider charges less: Anthropic
 * and Bedrock 0.1×, OpenAI 0.5× or less), writes at 1.25× (Anthropic's and
 * Bedrock's 5-minute cache; OpenAI charges no writes and reports none). Set
 * `cacheReadPerMillion` / `cacheWritePerMillion` for the real figures (a
 * 1-hour Anthropic cache writes at 2×).
 */
export const DEFAULT_CACHE_WRITE_MULTIPLIER = 1.25;

export function cacheReadPrice(price: ModelPrice): number {
  return price.cacheReadPerMillion ?? price.inputPerMillion;
}

export function cacheWritePrice(price: ModelPrice): number {
  return price.cacheWritePerMillion ?? price.inputPerMillion * DEFAULT_CACHE_WRITE_MULTIPLIER;
}

/** USD for `usage` at `price`; `null` when the model is unpriced (unknown, not free). */
export function costOf(price: ModelPrice | null, usage: PricedUsage): number | null {
  if (!price) return null;
  const usd =
    usage.inputTokens * price.inputPerMillion +
    usage.outputTokens * price.outputPerMillion +
    (usage.cacheReadTokens ?? 0) * cacheReadPrice(price) +
    (usage.cacheWriteTokens ?? 0) * cacheWritePrice(price);
  return usd / PER_MILLION;
}

/**
 * The most a call can cost: every allowed output token plus the estimated
 * input at the input price (a prompt-cache write can cost more than that; the
 * settlement charges what the provider reports). Unpriced models contribute
 * 0: the budget step refuses them, or prices them, first (Budgets.priceOf).
 */
export function maxCostOf(price: ModelPrice | null, maxTokens: number, estimatedInputTokens: number): number {
  return costOf(price, { inputTokens: estimatedInputTokens, outputTokens: maxTokens }) ?? 0;
}
