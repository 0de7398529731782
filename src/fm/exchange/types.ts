import type { CatalogEntry } from '../catalog/index.ts';
import type { IrUsage, StopReason } from '../ir/types.ts';
import type { FmProvider } from '../providers/port.ts';

/** What an answer came to: read off the wire on the side (pass-through) or from the IR (translation). */
export interface Outcome {
  usage: IrUsage;
  stopReason: StopReason;
  /** The model id the provider reports. */
  model: string;
  /** The provider reported no usage: the counts are the gateway's estimate (bytes / 4). */
  estimated?: boolean;
}

/**
 * One unit of an answer as it flows to the caller: text ready to write
 * (wire text in the client's dialect, or plain text deltas for Hashi's
 * native API), then exactly one `done`. `chars` counts the answer's own
 * characters in `data` (not the wire's), for estimating a broken stream.
 */
export type Piece = { type: 'data'; data: string; chars: number } | { type: 'done'; outcome: Outcome };

/** Time spent waiting on providers, shared by every attempt of one request. */
export interface AttemptMeter {
  /** Upstream calls made (each retry and each fallback counts). */
  attempts: number;
  /** Milliseconds spent awaiting the provider (connect, first byte, each chunk). */
  providerWaitMs: number;
}

export interface AttemptTarget {
  entry: CatalogEntry;
  provider: FmProvider;
  signal: AbortSignal;
  meter: AttemptMeter;
  now: () => number;
}

/** Which client dialect an exchange answers in. `native` is Hashi's own API (apps, /v1/chat, WebSocket). */
export type ExchangeDialect = 'native' | 'openai-chat' | 'anthropic-messages' | 'openai-embeddings';

/**
 * One client call, as the pipeline sees it: what routing, budgets and the
 * cache need to know about the request, and how to run one attempt against
 * one candidate model — pass-through when the provider speaks the client's
 * dialect, translation through the IR otherwise.
 */
export interface Exchange {
  readonly mode: 'complete' | 'stream';
  readonly dialect: ExchangeDialect;
  /** As the client named it; undefined: the routing default. */
  readonly model: string | undefined;
  /** Candidates resolved by the exchange itself (embedding models are not routed); absent: the router decides. */
  readonly candidates?: readonly CatalogEntry[];
  readonly hasImages: boolean;
  /** For the budget's worst case: input tokens (estimated from size) and the output cap the client set. */
  readonly estimatedInputTokens: number;
  readonly maxTokens: number | undefined;
  /** The latest user message's text (what `auto` routing classifies). */
  latestUserText(): string;
  /** Everything that makes the answer what it is, for the exact-cache key of `entry`. */
  cacheMaterial(entry: CatalogEntry): unknown;
  /** One attempt: nothing is sent until the first `next()`. */
  source(target: AttemptTarget): AsyncIterator<Piece, undefined>;
}
