/**
 * The fm capability's public entry: the gateway (providers, routing, cache,
 * resilience, budgets, usage, sessions), its routes and migrations, the
 * error codes, and the offline helpers the apps use. Other folders import
 * only this file.
 */
export { createFmGateway } from './gateway.ts';
export type { FmGateway, FmGatewayDeps, ModelInfo } from './gateway.ts';
export { resolveFmConfig, OFFLINE_MODELS, OFFLINE_PROVIDER } from './config.ts';
export type { FmConfig, ResolvedFmConfig } from './config.ts';
export { fmRoutes } from './http/index.ts';
export type { Caller, FmRoutePlugin, FmRoutesDeps, WebSocketOptions, WsTurnKind, WsTurnEvent } from './http/index.ts';
export { fmMigrations } from './migrations.ts';
export { FM_CODES } from './errors.ts';
export { publishToBus, FM_EVENT_SOURCE, type BatchedPublish, type BusPublishOptions, type EventSink } from './bus-publish.ts';
export { SqlBudgetLedger } from './ledger/sql.ts';
export { LeasedBudgetLedger, LEASE_DEFAULTS, type LeaseSettings } from './ledger/leased.ts';
export { UsageRepository, parseUsageRange } from './usage/index.ts';
export type { UsageGroup, UsageGroupBy, UsageQuery, UsageRecord, UsageReport, UsageTotals } from './usage/index.ts';
export { SessionStore } from './sessions/index.ts';
export type { ChatSession, SessionSettings } from './sessions/index.ts';

export type { GatewayContext, GatewayRequest, GatewayResult, GatewayStream, GatewayStreamEvent, GatewayStreamMeta } from './pipeline/index.ts';
export type { Publish } from './routing/index.ts';
export type { ChatMessage, ContentPart, ContextPassage, StopReason, Usage } from './types.ts';
export {
  extractiveAnswer,
  moderate,
  offlineEmbed,
  OFFLINE_CHAT_MODEL,
  OFFLINE_EMBED_DIMS,
  OFFLINE_EMBED_MODEL,
  OFFLINE_NO_CONTEXT,
  OFFLINE_NO_IMAGES,
  OFFLINE_NO_MATCH,
  sentiment,
} from './providers/index.ts';
export type { ExtractiveAnswer, ModerationVerdict, SentimentVerdict, Severity } from './providers/index.ts';
