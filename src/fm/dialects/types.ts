import type { IrEmbedRequest, IrEmbedResult, IrRequest, IrResult, IrStreamEvent } from '../ir/types.ts';

/**
 * The wire dialects the gateway speaks. A dialect module is pure: it turns
 * parsed JSON into the IR and back, and stream frames into IR events and
 * back. HTTP, auth headers, URLs, SSE/eventstream framing and retries live
 * elsewhere (transport/, providers/).
 */
export type ChatDialectName = 'openai-chat' | 'anthropic-messages' | 'bedrock-converse';

/**
 * One frame of a streamed response: an SSE event (`event:` and the joined
 * `data:` lines), or an AWS eventstream message mapped to the same shape
 * (`:event-type` header as `event`, the JSON payload as `data`).
 */
export interface WireFrame {
  event?: string;
  data: string;
}

/** What a provider-side builder needs to know about the model it is calling. */
export interface TargetInfo {
  /** The provider's model id (goes in the body, or the URL for Bedrock). */
  modelId: string;
  /** The catalog alias, for error messages ("… is not supported by model <alias> (<provider>)"). */
  alias: string;
  /** The configured provider name. */
  provider: string;
  /** The catalog default for max output tokens, used when the request has none (Anthropic and Converse need a value). */
  maxTokens: number;
  /** Catalog defaults, used when the request has none. */
  temperature?: number;
  topP?: number;
}

/** What a client-side renderer needs to write an answer. */
export interface RenderInfo {
  /** The response id (chatcmpl-…, msg_…). */
  id: string;
  /** Epoch seconds (OpenAI `created`). */
  created: number;
  /** The model name to report to the client. */
  model: string;
  /** OpenAI streams: end with the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
}

/** An error as a client dialect renders it. */
export interface WireErrorInfo {
  /** The HTTP status Hashi answers (or would have answered, for an in-stream error). */
  status: number;
  /** Hashi's stable error code (FM_BUDGET_EXCEEDED, VALIDATION_FAILED…). */
  code: string;
  message: string;
  /** The request field at fault, when there is one (OpenAI `param`). */
  param?: string | null;
}

/** IR stream events → the client dialect's wire text (complete SSE events). */
export interface StreamEncoder {
  /** The wire text for one IR event; '' when it produces nothing (yet). */
  write(event: IrStreamEvent): string;
}

/** The provider dialect's stream frames → IR events. */
export interface StreamDecoder {
  /**
   * The IR events one frame carries (none, one or several). A frame that is
   * the dialect's in-stream error event throws `UpstreamStreamError`; a frame
   * that cannot be parsed throws `MalformedResponseError`.
   */
  read(frame: WireFrame): IrStreamEvent[];
}

/** The dialect a client speaks to Hashi. */
export interface ClientDialect {
  readonly name: ChatDialectName;
  /**
   * The client's (schema-checked) body → IR, for a call that must be
   * translated (pass-through never needs it). Throws DialectRequestError
   * (400 FM_REQUEST_INVALID, `details[0].path` = the field as the client
   * wrote it) for what the dialect itself forbids and for content the IR
   * cannot hold (audio parts, Anthropic server tools, documents…).
   */
  parseRequest(body: Record<string, unknown>): IrRequest;
  renderResult(result: IrResult, info: RenderInfo): Record<string, unknown>;
  encoder(info: RenderInfo): StreamEncoder;
  /** The JSON body of an error response. */
  renderError(error: WireErrorInfo): Record<string, unknown>;
  /** The wire text of an error inside a stream that already started. */
  streamError(error: WireErrorInfo): string;
}

/** The dialect Hashi speaks to a provider. */
export interface ProviderDialect {
  readonly name: ChatDialectName;
  /**
   * IR → the provider's request body (without `stream` and, for Bedrock, without
   * the model id: the transport adds what belongs to the URL or framing).
   * Throws UnsupportedFieldError (400, names the field and the model) for
   * anything the provider dialect cannot express — never drops it.
   */
  buildRequest(request: IrRequest, target: TargetInfo): Record<string, unknown>;
  /** A non-streamed response body → IR. Throws MalformedResponseError when it is not one. */
  parseResult(body: unknown): IrResult;
  decoder(): StreamDecoder;
}

/** OpenAI Embeddings as a client and a provider dialect. */
export interface EmbeddingsDialect {
  parseRequest(body: Record<string, unknown>): IrEmbedRequest;
  renderResult(result: IrEmbedResult, info: { model: string; encodingFormat: 'float' | 'base64' }): Record<string, unknown>;
  buildRequest(request: IrEmbedRequest, target: TargetInfo): Record<string, unknown>;
  parseResult(body: unknown): IrEmbedResult;
}
