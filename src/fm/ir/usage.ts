import type { IrUsage } from './types.ts';

/** Cumulative usage reports folded: each field present replaces the previous value (the IR's `usage` event rule). */
export function mergeUsage(into: IrUsage, update: Partial<IrUsage>): IrUsage {
  const out = { ...into };
  if (update.inputTokens !== undefined) out.inputTokens = update.inputTokens;
  if (update.outputTokens !== undefined) out.outputTokens = update.outputTokens;
  if (update.cacheReadTokens !== undefined) out.cacheReadTokens = update.cacheReadTokens;
  if (update.cacheWriteTokens !== undefined) out.cacheWriteTokens = update.cacheWriteTokens;
  return out;
}

/** Every input token, whatever its price (OpenAI's `prompt_tokens`). */
export function promptTokens(usage: IrUsage): number {
  return usage.inputTokens + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
}

export function totalTokens(usage: IrUsage): number {
  return promptTokens(usage) + usage.outputTokens;
}

export const ZERO_USAGE: Readonly<IrUsage> = Object.freeze({ inputTokens: 0, outputTokens: 0 });
