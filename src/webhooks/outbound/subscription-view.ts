import type { SubscriptionRow } from './subscription-rows.ts';

/** A subscription as the admin API shows it: never the secret, only a hint of it. */
export interface SubscriptionView {
  id: string;
  url: string;
  pattern: Record<string, unknown>;
  transform: 'none' | 'slack';
  description: string;
  bus: string | null;
  managedBy: 'config' | 'api';
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toView(row: SubscriptionRow): SubscriptionView {
  return {
    id: row.id,
    url: row.url,
    pattern: JSON.parse(row.pattern) as Record<string, unknown>,
    transform: row.transform,
    description: row.description,
    bus: row.bus,
    managedBy: row.managed_by,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    disabledAt: iso(row.disabled_at),
    failingSince: iso(row.failing_since),
    lastSuccessAt: iso(row.last_success_at),
    secretHint: `${row.secret.slice(0, 10)}…`,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
