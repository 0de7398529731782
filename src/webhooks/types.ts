import type { Executor } from '../store/index.ts';
import type { IncomingHeaders, VerifiedDelivery } from './schemes/index.ts';

/*
 * Ports this capability consumes, declared structurally so it depends on the
 * event bus only through the shapes it uses (src/events/index.ts satisfies them).
 */

/** One event to publish, in EventBridge PutEvents shape. */
export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string | Record<string, unknown>;
  Resources?: string[];
  Time?: string | Date;
  EventBusName?: string;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** The event as a target receives it (EventBridge envelope; only the fields used here). */
export interface EventEnvelope {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: unknown;
  resources?: string[];
  'replay-name'?: string;
}

export interface PublishOptions {
  /** Publish inside this transaction: events and their delivery jobs commit with the caller's writes. */
  tx?: Executor;
  causedBy?: EventEnvelope;
  replayName?: string;
}

/** What accepting a webhook needs from the bus. */
export interface EventPublisher {
  putEvents(entries: PutEventsEntry[], options?: PublishOptions): Promise<PutEventsResult>;
}

/** A rule target as the bus stores it (only the fields used here). */
export interface TargetRef {
  Id: string;
  /** `<kind>:<name>`; for subscriptions `http:<subscription id>`. */
  Arn: string;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  Config?: Record<string, unknown>;
}

/** What a bus hands a target kind for one delivery. */
export interface TargetDeliveryInput {
  target: TargetRef;
  kind: string;
  /** What follows `<kind>:` in the Arn: the subscription id. */
  name: string;
  event: EventEnvelope;
  input: string;
  rule: string;
  bus?: string;
  attempt: number;
  signal: AbortSignal;
}

/** A rule as outbound subscriptions register it: a pattern and one `http` target. */
export interface SubscriptionRule {
  Name: string;
  EventBusName?: string;
  EventPattern: Record<string, unknown>;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  Targets: TargetRef[];
}

/** What outbound subscriptions need from the bus: a target kind and one rule per subscription. */
export interface OutboundBus {
  registerTargetKind(kind: string, deliver: (input: TargetDeliveryInput) => Promise<void>, validate?: (target: TargetRef, name: string) => void): void;
  putRule(rule: SubscriptionRule): Promise<unknown>;
  deleteRule?(name: string, busName?: string): Promise<unknown>;
}

/** Everything a mapper or an enricher may look at for one verified delivery. */
export interface DeliveryContext {
  source: string;
  /** Parsed JSON body, or the body as text for `body: raw` sources. */
  payload: unknown;
  rawBody: Buffer;
  headers: IncomingHeaders;
  verified: VerifiedDelivery;
}

/** EventBridge's limit on entries per PutEvents call; longer lists are split into calls of this size. */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/**
 * One item of a batch delivery as an itemizing mapper sees it: an event to
 * publish, or the reason the item becomes none. `ref` names the item for the
 * sender (e.g. a product id); the answer adds its position.
 */
export type MappedItem = { ref: string; entry: PutEventsEntry } | { ref: string; rejected: string };

/** What became of one item, in the webhook's answer (and repeated to duplicates). */
export type ItemOutcome =
  | { index: number; ref: string; status: 'published'; eventId: string }
  | { index: number; ref: string; status: 'rejected'; reason: string }
  | { index: number; ref: string; status: 'failed'; errorCode: string; errorMessage: string };

/**
 * A batch delivery mapped item by item. Unlike a plain list (all or
 * nothing), its entries are published in PutEvents calls of at most 10 inside
 * the accept transaction, and an entry the bus refuses is reported in the
 * answer rather than failing the delivery: the others are accepted.
 */
export interface ItemizedMapping {
  items: MappedItem[];
  /** Runs inside the accept transaction once every item's outcome is known (e.g. to record the batch). */
  onAccepted?: (tx: Executor, outcomes: ItemOutcome[]) => Promise<void>;
}

/**
 * Turns a verified delivery into events; zero events means "acknowledged,
 * ignored". A list is published all or nothing; an ItemizedMapping item by item.
 */
export type Mapper = (delivery: DeliveryContext & { enrichment?: Record<string, unknown> }) => PutEventsEntry[] | ItemizedMapping | Promise<PutEventsEntry[] | ItemizedMapping>;

/** Quick inline work before accepting (e.g. a sentiment label); must honour `signal`. */
export type Enricher = (delivery: DeliveryContext & { signal: AbortSignal }) => Promise<Record<string, unknown>>;
