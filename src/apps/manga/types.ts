/**
 * MangaAssist's domain types and the ports the composition root hands it,
 * declared here by their consumer: the FM gateway, the event bus and the
 * webhooks capability are reached only through these shapes.
 */
import type { Executor } from '../../store/index.ts';

export type Language = 'ja' | 'en';

/** A catalogue product as the API shows it (snake_case, like the rest of the API). */
export interface Product {
  id: string;
  series: string | null;
  title: string;
  title_alt: string | null;
  author: string;
  genre: string;
  volume: number;
  synopsis: string;
  price: number;
  currency: string;
  language: Language;
  stock: number;
  stock_threshold: number;
  status: 'active' | 'discontinued';
  release_date: string | null;
  tags: string[];
  ai_description: string | null;
  ai_tags: string[];
  ai_source: string | null;
}

/** One line of an order, as PaymentCompleted carries it. */
export interface OrderItem {
  product_id: string;
  title?: string;
  qty: number;
  unit_price?: number;
}

/** Vectors for products: the `Embedder` port of search, plus the model name stored with each vector. */
export interface ProductEmbedder {
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}

// ---- The FM port: the slice of the gateway's CompletionPipeline MangaAssist uses.

export interface FmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface FmRequest {
  model?: string;
  system?: string;
  messages: FmMessage[];
  maxTokens?: number;
  temperature?: number;
  context?: Array<{ id: string; title?: string; text: string }>;
}

export interface FmContext {
  tenant: string;
  keyId?: string;
  sessionId?: string;
  deadline?: number;
  signal?: AbortSignal;
  skipCache?: boolean;
}

export interface FmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface FmResult {
  text: string;
  usage: FmUsage;
  /** The catalog alias that answered. */
  model: string;
  /** The provider's model id (`offline/extractive` for the offline provider). */
  providerModel: string;
  cached: boolean;
  costUsd: number | null;
}

export type FmStreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; usage: FmUsage; model: string; providerModel: string; cached: boolean; costUsd: number | null };

export interface MangaFm {
  complete(request: FmRequest, ctx: FmContext): Promise<FmResult>;
  /** Resolves once the first event arrived; deltas, then one `done`. */
  stream(request: FmRequest, ctx: FmContext): Promise<AsyncIterable<FmStreamEvent>>;
}

// ---- The event bus port.

export interface BusEntry {
  Source: string;
  DetailType: string;
  Detail: Record<string, unknown>;
  Resources?: string[];
  EventBusName?: string;
}

export interface BusEvent {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface BusResult {
  FailedEntryCount: number;
  Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

export interface MangaBus {
  /** With `tx` the events and their deliveries commit with the caller's writes; `causedBy` carries the loop guard's chain. */
  putEvents(entries: BusEntry[], options?: { tx?: Executor; causedBy?: BusEvent }): Promise<BusResult>;
  registerFunction(name: string, fn: (event: BusEvent, ctx: { attempt: number; signal: AbortSignal }) => Promise<void>): void;
}

// ---- The webhooks port: mappers and enrichers for the demo's sources.

export interface WebhookDelivery {
  source: string;
  payload: unknown;
  enrichment?: Record<string, unknown>;
}

/** What became of one item of an itemized delivery (the webhook's answer lists them). */
export type WebhookItemOutcome =
  | { index: number; ref: string; status: 'published'; eventId: string }
  | { index: number; ref: string; status: 'rejected'; reason: string }
  | { index: number; ref: string; status: 'failed'; errorCode: string; errorMessage: string };

/** A batch delivery mapped item by item: published in PutEvents calls of 10 in the accept transaction, per-item failures in the answer. */
export interface WebhookItems {
  items: Array<{ ref: string; entry: BusEntry } | { ref: string; rejected: string }>;
  onAccepted?: (tx: Executor, outcomes: WebhookItemOutcome[]) => Promise<void>;
}

export interface MangaWebhooks {
  registerMapper(source: string, mapper: (delivery: WebhookDelivery) => BusEntry[] | WebhookItems | Promise<BusEntry[] | WebhookItems>): void;
  registerEnricher(source: string, enricher: (delivery: WebhookDelivery & { signal: AbortSignal }) => Promise<Record<string, unknown>>): void;
}

// ---- The gateway's WebSocket: an app turn type (the fm gateway runs the socket).

export type WsTurnEvent = { type: 'start'; data?: Record<string, unknown> } | { type: 'chunk'; text: string } | { type: 'complete'; data?: Record<string, unknown> };

export interface WsTurn {
  type: string;
  schema: { type: 'object'; properties: Record<string, unknown>; required?: readonly string[] };
  run(frame: Record<string, unknown>, caller: { keyId: string; tenant: string; customerId?: string }, signal: AbortSignal): AsyncIterable<WsTurnEvent>;
}
