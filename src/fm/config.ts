import type { ModelCatalogConfig } from './catalog/index.ts';
import type { BudgetPolicy } from './cost/index.ts';
import type { LeaseSettings } from './ledger/leased.ts';
import type { ResponseCacheOptions } from './cache/index.ts';
import { OFFLINE_CHAT_MODEL, type ProviderDefinition } from './providers/index.ts';
import type { BreakerOptions, ConcurrencyOptions, RetryBudgetOptions, RetryOptions, TimeoutOptions } from './resilience/index.ts';
import type { RoutingOptions } from './routing/index.ts';

/** WebSocket chat settings (`fm.websocket`). */
export interface WebSocketOptions {
  /** Protocol ping interval; a connection that missed the previous pong is closed. Default 30 s. */
  pingIntervalMs?: number;
  /** Stop pulling tokens while more than this is queued for a slow client. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Largest text or binary frame accepted. Default 8 MiB. */
  maxPayloadBytes?: number;
}

/** The `fm:` section of hashi.yaml (schema: src/config/sections/fm.ts). Every part is optional. */
export interface FmConfig {
  providers?: ProviderDefinition[];
  models?: ModelCatalogConfig;
  routing?: RoutingOptions;
  cache?: ResponseCacheOptions & { enabled?: boolean };
  resilience?: {
    timeouts?: TimeoutOptions;
    retry?: RetryOptions;
    retryBudget?: RetryBudgetOptions;
    breaker?: BreakerOptions;
    concurrency?: ConcurrencyOptions;
  };
  budgets?: BudgetPolicy & { staleHoldMs?: number; ledger?: LeaseSettings };
  sessions?: { ttlSeconds?: number; maxMessages?: number };
  websocket?: WebSocketOptions;
  usage?: { retentionDays?: number };
}

export interface ResolvedFmConfig {
  providers: ProviderDefinition[];
  models: ModelCatalogConfig;
  routing: RoutingOptions;
  cache: { enabled: boolean; ttlMs?: number; shared?: boolean };
  resilience: NonNullable<FmConfig['resilience']>;
  budgets: BudgetPolicy;
  staleHoldMs: number;
  /** The leased budget ledger's timing and spare (`fm.budgets.ledger`). */
  ledger: LeaseSettings;
  sessions: { ttlSeconds: number; maxMessages: number };
  websocket: WebSocketOptions;
  /** 0: keep usage rows forever. */
  usageRetentionDays: number;
}

export const OFFLINE_PROVIDER: ProviderDefinition = { name: 'offline', type: 'offline' };

/** With no catalog, the demo's two aliases both answer from the offline provider, so `auto` works. */
export const OFFLINE_MODELS: ModelCatalogConfig = {
  haiku: { provider: 'offline', model: OFFLINE_CHAT_MODEL },
  sonnet: { provider: 'offline', model: OFFLINE_CHAT_MODEL },
};

/**
 * Fills what the operator left out so Hashi runs offline: no providers → one
 * `offline` provider; no models → `haiku`/`sonnet` on it (adding the offline
 * provider when other providers are configured but no catalog is).
 */
export function resolveFmConfig(config: FmConfig = {}): ResolvedFmConfig {
  const configured = config.providers ?? [];
  const models = config.models && Object.keys(config.models).length > 0 ? config.models : OFFLINE_MODELS;
  const needsOffline = configured.length === 0 || (models === OFFLINE_MODELS && !configured.some((p) => p.name === OFFLINE_PROVIDER.name));
  const { staleHoldMs, ledger, ...budgets } = config.budgets ?? {};
  return {
    providers: needsOffline ? [...configured, OFFLINE_PROVIDER] : [...configured],
    models,
    routing: config.routing ?? {},
    cache: { enabled: config.cache?.enabled ?? true, ...pick(config.cache, ['ttlMs', 'shared']) },
    resilience: config.resilience ?? {},
    budgets,
    staleHoldMs: staleHoldMs ?? 600_000,
    ledger: ledger ?? {},
    sessions: { ttlSeconds: config.sessions?.ttlSeconds ?? 86_400, maxMessages: config.sessions?.maxMessages ?? 40 },
    websocket: config.websocket ?? {},
    usageRetentionDays: config.usage?.retentionDays ?? 400,
  };
}

function pick<T extends object, K extends keyof T>(obj: T | undefined, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj?.[k] !== undefined) out[k] = obj[k];
  return out;
}
