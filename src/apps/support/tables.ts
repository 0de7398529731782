import type { Executor } from '../../store/index.ts';

/** Times are ms epochs, JSON is text, booleans are 0/1 (one schema for SQLite and PostgreSQL). */
export type TicketsTable = {
  id: string;
  tenant: string;
  customer_id: string;
  /** The credential that filed it (quotas and FM costs are charged to it). */
  key_id: string;
  status: string;
  priority: string;
  lang: string;
  product_type: string;
  error_code: string | null;
  /** The accepted request body (customer, asset, symptom_text, policies…). */
  request: string;
  /** Public solution JSON once READY. */
  solution: string | null;
  failure_reason: string | null;
  /** Attempts so far and the last transient error: why a stream is not ready. */
  attempts: number;
  last_error: string | null;
  /** The TicketCreated event id: internal tracking, never shown. */
  tracking_id: string;
  created_at: number;
  updated_at: number;
  estimated_completion_at: number;
  completed_at: number | null;
  expires_at: number;
};

/** One stored FM generation per ticket: what makes a retried job not generate (or bill) twice. */
export type GenerationsTable = {
  ticket_id: string;
  text: string;
  /** [{id,title,score}] of the passages handed to the model. */
  passages: string;
  citations: string;
  grounded: number;
  model: string;
  provider_model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  created_at: number;
};

export type FeedbackTable = {
  id: string;
  ticket_id: string;
  tenant: string;
  key_id: string;
  rating: number;
  resolved: number;
  comment: string | null;
  created_at: number;
};

export type KbDocumentsTable = {
  id: string;
  title: string;
  text: string;
  metadata: string;
  source: string;
  /** The KB revision that last wrote this row; replicas load rows above the revision they have. */
  revision: number;
  deleted: number;
  created_at: number;
  updated_at: number;
};

export type KbStateTable = { id: number; revision: number };

export type SupportTables = {
  support_tickets: TicketsTable;
  support_generations: GenerationsTable;
  support_feedback: FeedbackTable;
  support_kb_documents: KbDocumentsTable;
  support_kb_state: KbStateTable;
};

export const tables = (db: Executor) => db.withTables<SupportTables>();
