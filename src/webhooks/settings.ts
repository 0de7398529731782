import type { SourceDefinition } from './schemes/index.ts';

/** One declarative mapping entry of `sources.<name>.events`. */
export interface EventMappingConfig {
  /** Event source; default `webhooks.<source name>`. */
  source?: string;
  /** A literal, or a JSON path (`$.type`) read from the payload. */
  detailType: string;
  /** JSON path of the detail; default `$` (the whole payload). */
  detail?: string;
  /** Only when every path holds one of the listed values, e.g. `{ "$.type": ["payment_intent.succeeded"] }`. */
  when?: Record<string, unknown[]>;
  /** EventBusName; default the source's `bus`, else the default bus. */
  bus?: string;
}

/** `sources.<name>` of hashi.yaml: the pure core's definition plus what the route needs. */
export interface WebhookSourceConfig extends SourceDefinition {
  /** CIDRs or single addresses allowed to deliver; empty or absent: anyone. */
  allowIps?: string[];
  /** Where the idempotency key comes from; default per scheme (see README). */
  idempotencyKey?: { header: string } | { field: string };
  /** `json` (default): the body must be JSON. `raw`: any bytes, passed on as text. */
  body?: 'json' | 'raw';
  events?: EventMappingConfig[];
  enrichment?: { budgetMs?: number; onFailure?: 'reject' | 'proceed' };
  bus?: string;
}

/** `subscriptions[]` of hashi.yaml. */
export interface SubscriptionConfig {
  id: string;
  url: string;
  pattern: Record<string, unknown>;
  secret?: string;
  enabled?: boolean;
  transform?: 'none' | 'slack';
  description?: string;
  bus?: string;
}

/** The `webhooks:` section of hashi.yaml, defaults filled by the config schema. */
export interface WebhooksSettings {
  inbound: {
    /** How long a completed idempotency key answers `already_processed`. */
    keyTtlMs: number;
    /** A key stuck in `processing` longer than this (a crashed accept) can be claimed again. */
    claimLeaseMs: number;
    /** How often expired keys are purged. */
    purgeIntervalMs: number;
  };
  outbound: {
    /** SSRF allow list: CIDRs, addresses, host names, `*.suffix`. */
    allow: string[];
    timeoutMs: number;
    /** Delay after failed attempt n (1-based) is `retryScheduleMs[n-1]`; attempts = length + 1. */
    retryScheduleMs: number[];
    /** Up to this fraction is added to each delay at random (0 = exact schedule). */
    jitter: number;
    /** A subscription whose every attempt has failed for this long is disabled. */
    disableAfterMs: number;
    /** Bytes of the response body kept per attempt (at most 1024). */
    responseBodyBytes: number;
  };
}

/** The Svix schedule: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);

export const DEFAULT_WEBHOOKS_SETTINGS: WebhooksSettings = Object.freeze({
  inbound: { keyTtlMs: 86_400_000, claimLeaseMs: 60_000, purgeIntervalMs: 3_600_000 },
  outbound: {
    allow: [],
    timeoutMs: 10_000,
    retryScheduleMs: [...DEFAULT_RETRY_SCHEDULE_MS],
    jitter: 0.1,
    disableAfterMs: 5 * 86_400_000,
    responseBodyBytes: 1024,
  },
}) as WebhooksSettings;

/** Fills whatever a caller (a test, a config without the section) left out. */
export function resolveSettings(partial: { inbound?: Partial<WebhooksSettings['inbound']>; outbound?: Partial<WebhooksSettings['outbound']> } = {}): WebhooksSettings {
  return {
    inbound: { ...DEFAULT_WEBHOOKS_SETTINGS.inbound, ...partial.inbound },
    outbound: { ...DEFAULT_WEBHOOKS_SETTINGS.outbound, ...partial.outbound },
  };
}
