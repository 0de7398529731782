/** One completed FM call, as recorded for usage reporting. */
export interface UsageRecord {
  at: number;
  tenant: string;
  keyId?: string | undefined;
  sessionId?: string | undefined;
  /** Catalog alias. */
  model: string;
  provider: string;
  providerModel: string;
  /** Input tokens billed at the input price (prompt-cache reads and writes not included). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache; absent: 0. */
  cacheReadTokens?: number | undefined;
  /** Input tokens written to the provider's prompt cache; absent: 0. */
  cacheWriteTokens?: number | undefined;
  latencyMs: number;
  providerWaitMs: number;
  cached: boolean;
  /** null: the model is unpriced (never reported as $0). */
  costUsd: number | null;
  stopReason: string;
  route?: string | undefined;
  attempts: number;
  fallbackUsed: boolean;
}

export type UsageGroupBy = 'model' | 'key' | 'tenant' | 'day';

export interface UsageQuery {
  groupBy: UsageGroupBy;
  /** Only this tenant (a tenant's own report); omitted: every tenant (admin). */
  tenant?: string | undefined;
  /** Inclusive ms epoch. */
  from?: number | undefined;
  /** Exclusive ms epoch. */
  to?: number | undefined;
}

export interface UsageTotals {
  calls: number;
  cachedCalls: number;
  /** Calls to unpriced models; their cost is unknown, not zero. */
  unpricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Sum over priced calls; null when every call was unpriced (or there were none). */
  costUsd: number | null;
  avgLatencyMs: number | null;
}

export interface UsageGroup extends UsageTotals {
  /** The model alias, key id, tenant or UTC day; null for calls without a key. */
  group: string | null;
}

export interface UsageReport {
  groupBy: UsageGroupBy;
  tenant: string | null;
  from: string | null;
  to: string | null;
  groups: UsageGroup[];
  totals: UsageTotals;
}
