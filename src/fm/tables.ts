import type { Executor } from '../store/index.ts';

/** Row types of the fm tables (see migrations.ts). */
export type BudgetScopesTable = {
  scope_key: string;
  settled_usd: number;
  reserved_usd: number;
  updated_at: number;
};

export type BudgetHoldsTable = {
  id: string;
  /** JSON array of scope keys. */
  scope_keys: string;
  amount_usd: number;
  created_at: number;
};

/** A process's allowance on a scope with a limit (LeasedBudgetLedger); see ledger/README.md. */
export type BudgetLeasesTable = {
  scope_key: string;
  /** The ledger instance (one per process) that holds the lease. */
  owner: string;
  /** Allowance: what the owner may count against the scope without asking again. */
  amount_usd: number;
  /** Of it, what the owner had reserved or settled-but-unwritten at its last write. */
  held_usd: number;
  /** ms epoch; past it, the lease no longer counts (its owner crashed or stalled). */
  expires_at: number;
  updated_at: number;
};

export type UsageTable = {
  id: string;
  at: number;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  tenant: string;
  key_id: string | null;
  session_id: string | null;
  model: string;
  provider: string;
  provider_model: string;
  input_tokens: number;
  output_tokens: number;
  /** Input tokens read from the provider's prompt cache (not in input_tokens). */
  cache_read_tokens: number;
  /** Input tokens written to the provider's prompt cache (not in input_tokens). */
  cache_write_tokens: number;
  latency_ms: number;
  provider_wait_ms: number;
  cached: number;
  cost_usd: number | null;
  stop_reason: string;
  route: string | null;
  attempts: number;
  fallback_used: number;
};

export type SessionsTable = {
  tenant: string;
  id: string;
  /** JSON array of ChatMessage. */
  messages: string;
  turns: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
};

export type FmTables = {
  fm_budget_scopes: BudgetScopesTable;
  fm_budget_holds: BudgetHoldsTable;
  fm_budget_leases: BudgetLeasesTable;
  fm_usage: UsageTable;
  fm_sessions: SessionsTable;
};

export const fm = (db: Executor) => db.withTables<FmTables>();
