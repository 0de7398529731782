import type { IncomingHttpHeaders } from 'node:http';

/** The three wire dialects the fake speaks. */
export type FakeDialect = 'bedrock' | 'anthropic' | 'openai';

/** Which endpoint a request hit. */
export type FakeApi =
  | 'bedrock.converse'
  | 'bedrock.converse-stream'
  | 'bedrock.invoke'
  | 'bedrock.invoke-stream'
  | 'anthropic.messages'
  | 'openai.chat'
  | 'openai.embeddings'
  | 'openai.models';

export interface RecordedRequest {
  api: FakeApi;
  dialect: FakeDialect;
  method: string;
  /** Path with the Bedrock model id URL-decoded. */
  path: string;
  /** Bedrock: from the path; others: `body.model`. */
  modelId: string | undefined;
  stream: boolean;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: any;
}

/** A neutral stop reason, written in each dialect's own vocabulary. */
export type FakeStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'content_filter';

/**
 * Faults. `afterDeltas` (streams only) lets that many text deltas through
 * first; without it the fault hits before any response byte.
 */
export type FakeFault =
  /** An HTTP error in the dialect's own error format (`errorType` overrides the default type for the status). */
  | { type: 'status'; status: number; errorType?: string; message?: string; retryAfterSeconds?: number; retryAfterMs?: number }
  /** Shorthand for a 429 in the dialect's throttling format. */
  | { type: 'throttle'; retryAfterSeconds?: number }
  /** Destroy the socket. */
  | { type: 'reset'; afterDeltas?: number }
  /** Never answer (or stop mid-stream) and keep the connection open. */
  | { type: 'hang'; afterDeltas?: number }
  /** Unparsable bytes: truncated JSON, a bad SSE event, an eventstream frame with a bad CRC. Then a clean end. */
  | { type: 'malformed'; afterDeltas?: number }
  /** The dialect's in-stream error event (SSE `error`, Bedrock `:message-type: exception`). Then a clean end. */
  | { type: 'stream-error'; afterDeltas?: number; errorType?: string; message?: string }
  /** End the response cleanly before the terminal events (no message_stop / [DONE]). */
  | { type: 'truncate'; afterDeltas?: number };

export interface FakeBehaviour {
  /** Reply text, or a function of the received request. Streams send it a word at a time. */
  reply: string | ((req: RecordedRequest) => string);
  /** Reported token counts; defaults: input ≈ body bytes / 4, output = words sent. */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Default `end_turn`, or `max_tokens` when the request's max tokens cut the reply. */
  stopReason?: FakeStopReason;
  /** Sent verbatim instead of the mapped `stopReason` (to test unknown values). */
  rawStopReason?: string;
  /** Delay before the first response byte. */
  latencyMs: number;
  /** Stream pacing; unset sends all deltas at once. */
  tokensPerSecond?: number;
  /** Model id reported in responses; default: the requested one. */
  model?: string;
  fault?: FakeFault;
}

export interface FakeScript extends Partial<FakeBehaviour> {
  /** Apply to the next N matching requests only (queued, FIFO). Omitted: change the defaults. */
  times?: number;
  /** Only requests of this dialect see (and consume) this script. */
  dialect?: FakeDialect;
}

export interface FakeUpstreamOptions {
  /** Keep received requests (default true; the benchmark turns it off). */
  record?: boolean;
  /** Ids listed by `GET /v1/models`. */
  models?: string[];
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>` — use as Bedrock `endpoint`, Anthropic `baseURL`, or `${url}/v1` for OpenAI. */
  readonly url: string;
  readonly port: number;
  /** Requests received so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  script(script: FakeScript): void;
  /** Back to the defaults; clears scripts and recorded requests. */
  reset(): void;
  /** Resolves once `count` requests have been received (use before aborting a hung call). */
  waitForRequests(count: number): Promise<void>;
  /** Number of requests whose response is still open. */
  readonly inFlight: number;
  close(): Promise<void>;
}
