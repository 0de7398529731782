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
  fm_usage: UsageTable;
  fm_sessions: SessionsTable;
};

export const fm = (db: Executor) => db.withTables<FmTables>();
