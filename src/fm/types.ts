/**
 * The provider port: every foundation-model backend (Bedrock, Anthropic,
 * OpenAI-compatible, offline) implements `Provider`. Everything above it —
 * routing, cache, resilience, cost — speaks only these types.
 */
export type Role = 'user' | 'assistant';

export type ContentPart =
  | { type: 'text'; text: string }
  /** `data` is base64; `mediaType` e.g. image/png. */
  | { type: 'image'; mediaType: string; data: string };

export interface ChatMessage {
  role: Role;
  content: string | ContentPart[];
}

/** A retrieved passage an application hands the model to ground its answer. */
export interface ContextPassage {
  id: string;
  title?: string;
  text: string;
}

export interface CompletionRequest {
  /** The provider's own model id (after catalog resolution). */
  model: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  context?: ContextPassage[];
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'content_filter' | 'other';

export interface CompletionResult {
  text: string;
  usage: Usage;
  stopReason: StopReason;
  /** The model id that actually answered, as the provider reports it. */
  model: string;
}

export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; usage: Usage; stopReason: StopReason; model: string };

export interface Provider {
  /** The configured name, e.g. `bedrock`, `anthropic`, `local-ollama`, `offline`. */
  readonly name: string;
  readonly supportsImages: boolean;
  complete(req: CompletionRequest): Promise<CompletionResult>;
  /** Yields deltas, then exactly one `done`; throws on failure. */
  stream(req: CompletionRequest): AsyncIterable<StreamEvent>;
  /** Optional embeddings, used by knowledge-base search. */
  embed?(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}
