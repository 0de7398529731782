import type { Executor } from '../store/index.ts';

export type WebhookKeysTable = {
  source: string;
  key: string;
  status: 'processing' | 'completed';
  token: string;
  claimed_at: number;
  lease_until: number;
  expires_at: number;
  result: string | null;
};

export type WebhookDeliveriesTable = {
  id: string;
  source: string;
  idempotency_key: string;
  received_at: number;
  ip: string;
  headers: string;
  body: string;
  body_encoding: 'utf8' | 'base64';
  verdict: string;
  events: string;
  event_ids: string;
  replay_count: number;
  last_replayed_at: number | null;
};

export type WebhookSubscriptionsTable = {
  id: string;
  url: string;
  pattern: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: number | null;
  transform: 'none' | 'slack';
  description: string;
  bus: string | null;
  managed_by: 'config' | 'api';
  enabled: number;
  disabled_reason: string | null;
  disabled_at: number | null;
  failing_since: number | null;
  last_success_at: number | null;
  created_at: number;
  updated_at: number;
};

export type WebhookMessagesTable = {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: number;
  last_attempt_at: number | null;
};

export type WebhookAttemptsTable = {
  id: string;
  message_id: string;
  subscription_id: string;
  attempt: number;
  at: number;
  duration_ms: number;
  outcome: 'succeeded' | 'failed';
  http_status: number | null;
  response_body: string | null;
  error: string | null;
};

export type WebhookTables = {
  webhook_keys: WebhookKeysTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_attempts: WebhookAttemptsTable;
};

/** The executor with this capability's tables attached. */
export const w = (db: Executor) => db.withTables<WebhookTables>();
