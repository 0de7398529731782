export { Webhooks, type WebhooksDeps } from './create.ts';
export { webhooksMigrations } from './migrations.ts';
export { WEBHOOK_CODES, type WebhookErrorCode } from './errors.ts';
export { DEFAULT_RETRY_SCHEDULE_MS, DEFAULT_WEBHOOKS_SETTINGS, resolveSettings } from './settings.ts';
export type { WebhooksSettings, WebhookSourceConfig, SubscriptionConfig, EventMappingConfig } from './settings.ts';
export type {
  EventPublisher,
  PutEventsEntry,
  PutEventsResult,
  PublishOptions,
  EventEnvelope,
  OutboundBus,
  SubscriptionRule,
  TargetRef,
  TargetDeliveryInput,
  DeliveryContext,
  Mapper,
  Enricher,
  ItemizedMapping,
  MappedItem,
  ItemOutcome,
} from './types.ts';
export { PUT_EVENTS_MAX_ENTRIES } from './types.ts';
export type { InboundRequest, InboundAnswer } from './inbound/receive.ts';
export type { StoredDelivery } from './inbound/deliveries.ts';
export { deliveryBytes } from './inbound/deliveries.ts';
export type { SubscriptionView } from './outbound/subscription-view.ts';
export type { SubscriptionInput } from './outbound/subscription-input.ts';
export { DELIVER_JOB } from './outbound/dispatch.ts';
export { PURGE_JOB } from './inbound/purge-job.ts';
// The pure core, for the CLI and the apps.
export { verifyDelivery, maskHeaders, SOURCE_DEFINITION_SCHEMA } from './schemes/index.ts';
export type { SourceDefinition, IncomingHeaders, VerifyResult } from './schemes/index.ts';
export { verifyFiles, verifyJsonl, formatOutcomes, exitCodeFor, parseAtOption } from './verify/index.ts';
export type { VerifyOutcome, VerifyContext } from './verify/index.ts';
export { signStandardWebhook, generateWebhookSecret } from './outbound/sign.ts';
export { toSlackMessage } from './outbound/slack.ts';
