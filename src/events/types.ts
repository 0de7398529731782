import type { Executor } from '../store/index.ts';

/** One PutEvents entry, as EventBridge's PutEventsRequestEntry. */
export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  /** A JSON object, or its JSON text. */
  Detail: string | Record<string, unknown>;
  Resources?: string[];
  /** When the event happened (default: now). ISO 8601 text or a Date. */
  Time?: string | Date;
  /** A bus name or an event-bus ARN; default `default`. */
  EventBusName?: string;
}

/** Either `EventId`, or `ErrorCode` + `ErrorMessage`; in the order of the entries. */
export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** The stored and delivered form of an event: EventBridge's envelope. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 UTC, second precision, as EventBridge writes it. */
  time: string;
  region: string;
  resources: string[];
  /** Carries the loop-guard fields `_chain_depth` and (when caused) `_caused_by`. */
  detail: Record<string, unknown>;
  'replay-name'?: string;
}

export interface PublishOptions {
  /** Store the events and enqueue their deliveries in the caller's transaction (outbox). */
  tx?: Executor;
  /** The event being handled: the new events inherit its chain depth + 1. */
  causedBy?: EventEnvelope;
  /** Internal: marks replayed events (never archived again). */
  replayName?: string;
}

/** EventBridge's RetryPolicy. */
export interface RetryPolicy {
  /** 0–185; default 185. The delivery job gets n + 1 attempts. */
  MaximumRetryAttempts?: number;
  /** 60–86400; default 86400. */
  MaximumEventAgeInSeconds?: number;
}

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

/**
 * A rule target. `Arn` is `<kind>:<name>`: `function:<registered function>`,
 * `bus:<bus name>`, `queue:<queue name>`, `http:<…>` (webhooks) or any kind
 * registered with `registerTargetKind`. An EventBridge event-bus ARN
 * (`arn:aws:events:…:event-bus/<name>`) is read as `bus:<name>`.
 */
export interface TargetDefinition {
  /** 1–64 of `[.\-_A-Za-z0-9]`, unique in the rule. */
  Id: string;
  Arn: string;
  /** At most one of Input, InputPath, InputTransformer; none: the whole event. */
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  RetryPolicy?: RetryPolicy;
  /** Options for the target kind (e.g. headers for `http`); passed through untouched. */
  Config?: Record<string, unknown>;
  /** EventBridge's SqsParameters: the message group of a FIFO queue target. */
  SqsParameters?: { MessageGroupId?: string };
}

/** A rule, shaped as EventBridge's PutRule + PutTargets. */
export interface RuleDefinition {
  /** 1–64 of `[.\-_A-Za-z0-9]`, unique per bus. */
  Name: string;
  /** Default `default`. */
  EventBusName?: string;
  Description?: string;
  /** Exactly one of EventPattern and ScheduleExpression. */
  EventPattern?: Record<string, unknown> | string;
  /** rate(…) or cron(…) in UTC, or the one-time at(yyyy-mm-ddThh:mm:ss). */
  ScheduleExpression?: string;
  /** The IANA time zone an at() expression is read in (EventBridge Scheduler's); default UTC. */
  ScheduleExpressionTimezone?: string;
  /** Default ENABLED. */
  State?: 'ENABLED' | 'DISABLED';
  /** At most 5. */
  Targets?: TargetDefinition[];
}

/** A rule as stored, with where it came from. */
export interface StoredRule extends Required<Pick<RuleDefinition, 'Name' | 'EventBusName' | 'State' | 'Targets'>> {
  Description?: string;
  EventPattern?: Record<string, unknown>;
  ScheduleExpression?: string;
  ScheduleExpressionTimezone?: string;
  Arn: string;
  /** `config` rules come from hashi.yaml and are changed only there. */
  Origin: 'config' | 'api';
  CreatedAt: string;
  UpdatedAt: string;
}

export interface FunctionContext {
  /** Publishes with the loop-guard chain of the handled event. */
  publish: (entries: PutEventsEntry[]) => Promise<PutEventsResult>;
  /** The target input: parsed JSON, or the text when it is not JSON. */
  input: unknown;
  rule: string;
  attempt: number;
  signal: AbortSignal;
}

export type EventFunction = (event: EventEnvelope, ctx: FunctionContext) => Promise<void>;

export interface DeliveryInput {
  target: TargetDefinition;
  /** The target kind and the name after it in `Arn` (`http:https://x` → `http`, `https://x`). */
  kind: string;
  name: string;
  event: EventEnvelope;
  /** The transformed payload (JSON text unless an InputTransformer made plain text). */
  input: string;
  rule: string;
  bus: string;
  attempt: number;
  signal: AbortSignal;
}

/** Delivers to one kind of target; throw RetryableError / PermanentError (src/kernel) to steer retries. */
export type TargetDeliver = (input: DeliveryInput) => Promise<void>;

/** Optional check run when a rule naming this kind is put (throw ValidationError to refuse). */
export type TargetValidate = (target: TargetDefinition, name: string) => void;

export interface ArchiveDefinition {
  /** 1–48 of `[.\-_A-Za-z0-9]`. */
  ArchiveName: string;
  EventBusName?: string;
  EventPattern?: Record<string, unknown> | string;
  /** Default 30; 0 keeps events forever. */
  RetentionDays?: number;
  Description?: string;
}

export interface StoredArchive {
  ArchiveName: string;
  EventBusName: string;
  EventPattern?: Record<string, unknown>;
  RetentionDays: number;
  Description?: string;
  Origin: 'config' | 'api';
  CreatedAt: string;
  EventCount: number;
}

export interface ReplayRequest {
  ReplayName: string;
  ArchiveName: string;
  /** Events whose `time` is in [EventStartTime, EventEndTime) are replayed. */
  EventStartTime: string | Date;
  EventEndTime: string | Date;
  /** Only these rules of the archive's bus (default: all of them). */
  Rules?: string[];
  Description?: string;
}

export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'CANCELLED' | 'COMPLETED' | 'FAILED';

export interface ReplayStatus {
  ReplayName: string;
  ArchiveName: string;
  EventBusName: string;
  EventStartTime: string;
  EventEndTime: string;
  Rules?: string[];
  State: ReplayState;
  StateReason?: string;
  EventsReplayed: number;
  EventLastReplayedTime?: string;
  ReplayStartTime: string;
  ReplayEndTime?: string;
}

export interface SchemaDefinition {
  source: string;
  detailType: string;
  /** A JSON Schema for `detail`. */
  schema: Record<string, unknown>;
  /** true: violating entries are refused; false: counted and logged only. */
  enforce: boolean;
}

/** What the scheduler did in one pass. */
export interface ScheduleFire {
  rule: string;
  bus: string;
  tickAt: number;
  eventId: string;
  /** Earlier ticks missed since the last fire, not fired (missed-tick policy). */
  skipped: number;
}

/** The `events:` section of hashi.yaml, after validation and defaults. */
export interface EventsSettings {
  account: string;
  region: string;
  /** Named buses besides `default`. */
  buses: string[];
  maxChainDepth: number;
  /** How long stored events are kept (days; 0 forever). */
  retentionDays: number;
  /** How often a replica re-reads rules changed by another replica. */
  rulesRefreshMs: number;
  rules: RuleDefinition[];
  archives: ArchiveDefinition[];
  schemas: SchemaDefinition[];
  scheduler: { enabled: boolean; intervalMs: number };
  /** How often the purge of expired archive entries, events and ticks runs. */
  purgeIntervalMs: number;
}
