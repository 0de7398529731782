import type { AttemptMeter, Piece } from '../exchange/types.ts';
import type { FmProvider } from '../providers/port.ts';
import type { EventStream } from './stream.ts';

export type { AttemptMeter };

/** One call to one provider model, as it travels through the attempt middlewares. */
export interface AttemptCall {
  readonly mode: 'complete' | 'stream';
  readonly provider: Pick<FmProvider, 'name'>;
  /** Starts the attempt with the signal the chain settled on; nothing is sent before the first `next()`. */
  readonly source: (signal: AbortSignal) => AsyncIterator<Piece, undefined>;
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
