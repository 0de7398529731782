import type { IncomingHttpHeaders } from 'node:http';

/** The three wire dialects the fake speaks. */
export type FakeDialect = 'bedrock' | 'anthropic' | 'openai';

/** Which endpoint a request hit. */
export type FakeApi =
  | 'bedrock.converse'
  | 'bedrock.converse-stream'
  | 'bedrock.invoke'
  | 'bedrock.invoke-stream'
  | 'bedrock.count-tokens'
  | 'anthropic.messages'
  | 'anthropic.count-tokens'
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
  /** Parsed JSON body (undefined when empty or not JSON); fields the fake does not know are kept verbatim. */
  body: any;
  /** The body exactly as received, to assert the bytes a gateway forwarded. */
  rawBody: Buffer;
}

/** A neutral stop reason, written in each dialect's own vocabulary. */
export type FakeStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'content_filter';

/** A tool call the model makes: OpenAI `tool_calls[]`, Anthropic `tool_use`, Converse `toolUse`. */
export interface FakeToolCall {
  /** Default: `call_…` (OpenAI), `toolu_…` (Anthropic, InvokeModel), `tooluse_…` (Converse), unique per response. */
  id?: string;
  name: string;
  /** The arguments object; streams send its JSON in several fragments. */
  input: Record<string, unknown>;
}

/** A structured answer: optional text, then tool calls. */
export interface FakeReply {
  text?: string;
  toolCalls?: FakeToolCall[];
}

/**
 * Reply text or a structured answer, or a function of the request (and, for
 * OpenAI `n > 1`, of the choice index) returning either. A string keeps the
 * behaviour's `toolCalls`; a `FakeReply` says exactly what the answer holds.
 */
export type FakeReplySource = string | FakeReply | ((req: RecordedRequest, choice: number) => string | FakeReply);

/** Token counts. `inputTokens` excludes cache reads and writes (Anthropic's meaning). */
export interface FakeUsage {
  inputTokens?: number;
  outputTokens?: number;
  /** Prompt-cache reads: Anthropic cache_read_input_tokens, OpenAI prompt_tokens_details.cached_tokens, Converse cacheReadInputTokens. */
  cacheReadTokens?: number;
  /** Prompt-cache writes: Anthropic cache_creation_input_tokens, Converse cacheWriteInputTokens (OpenAI counts them as prompt tokens). */
  cacheWriteTokens?: number;
}

/**
 * Credentials a dialect's requests must carry, else that dialect's auth
 * error: OpenAI `authorization: Bearer <v>` (401), Anthropic `x-api-key: <v>`
 * or `authorization: Bearer <v>` (401), Bedrock a SigV4 `Credential=<v>/…`
 * or `authorization: Bearer <v>` (403 UnrecognizedClientException, as AWS answers).
 */
export type FakeAuth = Partial<Record<FakeDialect, string>>;

/**
 * Faults. `afterDeltas` (streams only) lets that many deltas (text pieces or
 * tool-argument fragments) through first; without it the fault hits before any response byte.
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
  /** Reply text, a structured reply, or a function of the received request. Streams send text a word at a time. */
  reply: FakeReplySource;
  /** Tool calls after the reply text (a script with `toolCalls` and no `reply` answers with the calls alone). */
  toolCalls?: FakeToolCall[];
  /** Reported token counts; defaults: input ≈ body bytes / 4, output = words sent (+ argument JSON length / 4 per tool call). */
  usage?: FakeUsage;
  /** Default `end_turn` (`tool_use` with tool calls), or `max_tokens` when the request's max tokens cut the reply. */
  stopReason?: FakeStopReason;
  /** Sent verbatim instead of the mapped `stopReason` (to test unknown values). */
  rawStopReason?: string;
  /** Delay before the first response byte. */
  latencyMs: number;
  /** Stream pacing; unset sends all deltas at once. */
  tokensPerSecond?: number;
  /** Model id reported in responses; default: the requested one. */
  model?: string;
  /** Credentials required per dialect (checked before latency and faults). */
  requireAuth?: FakeAuth;
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
  /** Credentials required from the start (and after `reset()`); a script's `requireAuth` overrides them. */
  requireAuth?: FakeAuth;
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
