import type { ModelPrice } from '../catalog/index.ts';
import type { Usage } from '../types.ts';

const PER_MILLION = 1_000_000;

/** USD for `usage` at `price`; `null` when the model is unpriced (unknown, not free). */
export function costOf(price: ModelPrice | null, usage: Usage): number | null {
  if (!price) return null;
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / PER_MILLION;
}

/**
 * The most a call can cost: every allowed output token plus the estimated
 * input. Unpriced models contribute 0 — they cannot be held to a USD budget.
 */
export function maxCostOf(price: ModelPrice | null, maxTokens: number, estimatedInputTokens: number): number {
  return costOf(price, { inputTokens: estimatedInputTokens, outputTokens: maxTokens }) ?? 0;
}
