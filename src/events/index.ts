export { EventBus, type EventBusDeps } from './event-bus.ts';
export { eventsMigrations } from './migrations.ts';
export { EVENTS_CODES, BUS_CODES, ENTRY_ERRORS, type EntryErrorCode } from './errors.ts';
export { eventsRoutes } from './routes/index.ts';
export { eventsSettings, DEFAULT_EVENTS_SETTINGS } from './settings.ts';
export { DELIVER_JOB, type DeliveryPayload, type DeliveryMeta } from './targets/jobs.ts';
export { REPLAY_JOB } from './archive/replay.ts';
export { PURGE_JOB } from './archive/purge.ts';
export type { StoredBus } from './buses/admin.ts';
export { qualify, splitName, resolveBusName } from './bus/namespace.ts';
export { ruleArn, busArn, archiveArn, replayArn } from './bus/envelope.ts';
export { parseTargetArn, type TargetRef } from './targets/arn.ts';
export { entrySize, MAX_ENTRY_BYTES } from './bus/entry-size.ts';
export { CHAIN_DEPTH, CAUSED_BY } from './bus/chain.ts';
export { MAX_ENTRIES } from './bus/put-events.ts';
export type {
  PutEventsEntry,
  PutEventsResultEntry,
  PutEventsResult,
  EventEnvelope,
  PublishOptions,
  RetryPolicy,
  InputTransformer,
  TargetDefinition,
  RuleDefinition,
  StoredRule,
  FunctionContext,
  EventFunction,
  DeliveryInput,
  TargetDeliver,
  TargetValidate,
  ArchiveDefinition,
  StoredArchive,
  ReplayRequest,
  ReplayState,
  ReplayStatus,
  SchemaDefinition,
  ScheduleFire,
  EventsSettings,
} from './types.ts';
/** The offline sandbox behind `hashi events test-pattern | test-transform | next-runs` (also alone in ./sandbox.ts). */
export { sandbox } from './sandbox.ts';
