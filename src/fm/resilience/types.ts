import type { CompletionRequest, Provider } from '../types.ts';
import type { EventStream } from './stream.ts';

/** Shared by every attempt of one request: what the HTTP layer reports as provider wait. */
export interface AttemptMeter {
  /** Upstream calls made (each retry and each fallback counts). */
  attempts: number;
  /** Milliseconds spent awaiting the provider (connect, first byte, each chunk). */
  providerWaitMs: number;
}

/** One call to one provider model, as it travels through the attempt middlewares. */
export interface AttemptCall {
  readonly mode: 'complete' | 'stream';
  readonly provider: Provider;
  /** The provider request, without a signal: the chain supplies it. */
  readonly request: Omit<CompletionRequest, 'signal'>;
  /** Breaker and retry-budget key: `provider/model`. */
  readonly key: string;
  /** Aborts with the reason the call must stop (client abort, deadline, timeout). */
  readonly signal: AbortSignal;
  /** Absolute epoch ms no retry may pass. */
  readonly deadline: number;
  readonly meter: AttemptMeter;
}

export type AttemptHandler = (call: AttemptCall) => Promise<EventStream>;

/** A named attempt middleware; factories return `async function name(call, next) {…}`. */
export type AttemptMiddleware = (call: AttemptCall, next: AttemptHandler) => Promise<EventStream>;

export function attemptKey(providerName: string, modelId: string): string {
  return `${providerName}/${modelId}`;
}
