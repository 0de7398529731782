/**
 * The gateway's own model of a chat call (the IR). Every client dialect
 * (OpenAI Chat Completions, Anthropic Messages, Hashi's native API) parses
 * into it and every provider dialect (OpenAI-compatible, Anthropic, Bedrock
 * Converse, the offline model) is built from it — but only when the client's
 * dialect differs from the provider's. When they match, the gateway forwards
 * the client's own body (pass-through) and never builds an IR request.
 *
 * The IR is the union of what the dialects can say, not their intersection:
 * a field one provider dialect cannot express is refused by that dialect's
 * builder with a 400 naming the field and the model, never dropped.
 */

/** Why a model stopped, in one vocabulary (Anthropic's, plus `content_filter` and `other`). */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'content_filter' | 'other';

/** Prompt-cache hints (Anthropic `cache_control`); dialects without prompt caching ignore them (a hint, not content). */
export interface IrCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface IrTextPart {
  type: 'text';
  text: string;
  cacheControl?: IrCacheControl;
}

export type IrImageSource =
  /** `data` is base64 (no data: prefix); `mediaType` e.g. image/png. */
  | { kind: 'base64'; mediaType: string; data: string }
  /** A remote URL: forwarded where the provider dialect accepts URLs, refused (400) where it does not. */
  | { kind: 'url'; url: string };

export interface IrImagePart {
  type: 'image';
  source: IrImageSource;
  cacheControl?: IrCacheControl;
}

/** A call the model made (assistant turn): OpenAI `tool_calls[]`, Anthropic `tool_use`, Converse `toolUse`. */
export interface IrToolUsePart {
  type: 'tool_use';
  id: string;
  name: string;
  /** The arguments as a JSON object (OpenAI's `arguments` string parsed). */
  input: Record<string, unknown>;
}

/** The caller's answer to a tool call (user turn): OpenAI `role: tool`, Anthropic `tool_result`, Converse `toolResult`. */
export interface IrToolResultPart {
  type: 'tool_result';
  toolUseId: string;
  content: (IrTextPart | IrImagePart)[];
  isError?: boolean;
  cacheControl?: IrCacheControl;
}

export type IrPart = IrTextPart | IrImagePart | IrToolUsePart | IrToolResultPart;

export interface IrMessage {
  role: 'user' | 'assistant';
  content: IrPart[];
}

export interface IrTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  inputSchema: Record<string, unknown>;
  /** OpenAI `strict` (structured outputs for arguments). */
  strict?: boolean;
  cacheControl?: IrCacheControl;
}

export type IrToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  /** The model must call some tool (OpenAI `required`, Anthropic `any`, Converse `any`). */
  | { type: 'any' }
  | { type: 'tool'; name: string };

export type IrResponseFormat =
  | { type: 'text' }
  /** Any JSON object (OpenAI JSON mode). */
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

/** A passage an application hands the model to ground its answer (Hashi native API, the offline model). */
export interface IrContextPassage {
  id: string;
  title?: string;
  text: string;
}

export interface IrRequest {
  /** As the client named it: an alias, a provider model id, a split or `auto`. Builders receive the provider model id separately. */
  model: string;
  /** System prompt blocks, in order (OpenAI system/developer messages, Anthropic `system`, Converse `system`). */
  system?: IrTextPart[];
  messages: IrMessage[];
  /** Absent: the catalog entry's default (Anthropic requires one; builders get it from the target). */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  tools?: IrTool[];
  toolChoice?: IrToolChoice;
  /** false: at most one tool call per turn (OpenAI `parallel_tool_calls: false`, Anthropic `disable_parallel_tool_use`). */
  parallelToolCalls?: boolean;
  responseFormat?: IrResponseFormat;
  /** Number of choices; > 1 only where the provider dialect supports it (OpenAI). */
  n?: number;
  logprobs?: boolean;
  topLogprobs?: number;
  seed?: number;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  stream: boolean;
  /** Whether a streamed answer should end with a usage record the client sees (OpenAI `stream_options.include_usage`). */
  includeUsage?: boolean;
  context?: IrContextPassage[];
  /**
   * The client dialect the request was parsed from. `extra` holds that
   * dialect's wire names, so a builder of the same dialect may forward them
   * verbatim; any other builder refuses them (a name means different things
   * in different dialects: OpenAI `metadata` is not Anthropic's).
   */
  origin?: 'openai-chat' | 'anthropic-messages' | 'hashi';
  /**
   * Fields of the client's body the IR does not model, by their wire name
   * (e.g. `frequency_penalty`, `thinking`). A translating builder refuses any
   * it cannot carry (400 naming the field); pass-through forwards the whole
   * original body, so nothing here matters there.
   */
  extra?: Record<string, unknown>;
}

export interface IrUsage {
  /** Input tokens billed at the input price: NOT counting cache reads or writes (Anthropic's meaning; OpenAI's prompt_tokens minus cached_tokens). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache (Anthropic cache_read_input_tokens, OpenAI prompt_tokens_details.cached_tokens, Converse cacheReadInputTokens). */
  cacheReadTokens?: number;
  /** Input tokens written to the provider's prompt cache (Anthropic cache_creation_input_tokens, Converse cacheWriteInputTokens). */
  cacheWriteTokens?: number;
}

/** A complete answer (non-streamed call, or a stream accumulated). */
export interface IrResult {
  /** The provider's id for the answer, when it gave one. */
  id?: string;
  /** The model id the provider reports. */
  model: string;
  /** Text and tool_use parts, in the order the model produced them. */
  content: (IrTextPart | IrToolUsePart)[];
  stopReason: StopReason;
  /** The stop sequence that matched, when stopReason is stop_sequence and the provider says which. */
  stopSequence?: string;
  usage: IrUsage;
}

/**
 * A streamed answer as a sequence of events. Content blocks are numbered in
 * order (`index`), each opened (`text_start` / `tool_start`), filled
 * (`text` / `tool_delta`) and closed (`block_stop`); the stop reason and the
 * usage arrive when the provider sends them (OpenAI sends usage last, after
 * the finish reason), and `end` marks a stream that completed properly —
 * a stream without `end` broke.
 */
export type IrStreamEvent =
  | { type: 'start'; id?: string; model?: string; usage?: Partial<IrUsage> }
  | { type: 'text_start'; index: number }
  | { type: 'text'; index: number; text: string }
  | { type: 'tool_start'; index: number; id: string; name: string }
  /** A fragment of the tool call's arguments JSON; the fragments concatenated are the whole object. */
  | { type: 'tool_delta'; index: number; json: string }
  | { type: 'block_stop'; index: number }
  | { type: 'stop'; stopReason: StopReason; stopSequence?: string }
  /** Cumulative: each field present replaces the previous value. */
  | { type: 'usage'; usage: Partial<IrUsage> }
  | { type: 'end' };

/** OpenAI Embeddings in the IR. */
export interface IrEmbedRequest {
  model: string;
  /** The texts; empty when the client sent token ids (`tokens`). */
  input: string[];
  /** OpenAI also takes inputs as arrays of token ids; only an OpenAI-compatible target can take them, so other builders refuse them. */
  tokens?: number[][];
  /** How the client wants the vectors (OpenAI `encoding_format`); absent = float. */
  encodingFormat?: 'float' | 'base64';
  dimensions?: number;
  user?: string;
  extra?: Record<string, unknown>;
}

export interface IrEmbedResult {
  model: string;
  /** In input order. */
  vectors: number[][];
  usage: { inputTokens: number };
}
