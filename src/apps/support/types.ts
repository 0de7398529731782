/** Support Desk's domain types and the ports it is handed by the composition root. */
import type { EventBus } from '../../events/index.ts';

export type TicketStatus = 'PROCESSING' | 'READY' | 'FAILED';
export type ProductType = 'EV_CHARGER' | 'INVERTER' | 'BATTERY';
export type Lang = 'it-IT' | 'en-US' | 'de-DE';

/** The body of POST /tickets after schema validation (defaults applied). */
export interface TicketRequest {
  customer: { id: string; name: string; contact_email?: string };
  asset: { product_type: ProductType; model: string; serial: string; firmware_version?: string };
  symptom_text: string;
  error_code?: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  lang: Lang;
  policies: { safe_instructions: boolean; grounded_only: boolean };
}

export interface Citation {
  id: string;
  title: string;
}

/** What a customer sees of a solution. */
export interface Solution {
  text: string;
  citations: Citation[];
  /** True when the answer rests on cited knowledge-base passages. */
  grounded: boolean;
  generated_at: string;
}

/** The caller, as the HTTP edge resolved it (a slice of `request.principal`). */
export interface Caller {
  tenant: string;
  keyId: string;
  customerId?: string;
}

// ---- The FM port: the shape of the gateway's CompletionPipeline, declared here by its consumer.

export interface FmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface FmRequest {
  model?: string;
  system?: string;
  messages: FmMessage[];
  maxTokens?: number;
  context?: Array<{ id: string; title?: string; text: string }>;
}

export interface FmContext {
  tenant: string;
  keyId?: string;
  sessionId?: string;
  /** Absolute ms epoch. */
  deadline?: number;
  signal?: AbortSignal;
  skipCache?: boolean;
}

export interface FmUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface FmDone {
  type: 'done';
  usage: FmUsage;
  /** The catalog alias that answered (the "model version" kept internal). */
  model: string;
  providerModel: string;
  /** null when the model is unpriced; 0 for a cached answer. */
  costUsd: number | null;
}

export type FmStreamEvent = { type: 'delta'; text: string } | FmDone;

/** The slice of the FM gateway the workflow uses. */
export interface SolutionModel {
  /** Resolves once the first event arrived; deltas, then one `done`. */
  stream(request: FmRequest, ctx: FmContext): Promise<AsyncIterable<FmStreamEvent>>;
}

/** The slice of the event bus the app uses. */
export interface SupportBus {
  putEvents: EventBus['putEvents'];
  registerFunction: EventBus['registerFunction'];
  putRule: EventBus['putRule'];
}
