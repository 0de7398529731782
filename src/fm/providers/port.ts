import type { ChatDialectName, TargetInfo, WireFrame } from '../dialects/types.ts';
import type { IrRequest, IrResult, IrStreamEvent } from '../ir/types.ts';
import type { ProviderType } from './definition.ts';

/** A stream frame as it arrived: its fields and, for SSE, its own text (what pass-through forwards). */
export interface RawFrame extends WireFrame {
  /** The frame's wire text in the provider's SSE dialect (absent for frames that were never SSE, e.g. Converse). */
  raw?: string;
}

/** A provider's 2xx answer, not yet interpreted. */
export type WireAnswer =
  /** A non-streamed response body (JSON text). */
  | { kind: 'json'; text: string }
  /** A streamed response: batches of frames as chunks arrive; `return()` closes the upstream body. */
  | { kind: 'stream'; batches: AsyncIterator<RawFrame[], undefined> };

export interface WireCall {
  /** The provider's model id (body field or URL segment, as the provider wants it). */
  modelId: string;
  stream: boolean;
  signal: AbortSignal;
  /** Anthropic clients' `anthropic-beta` features, forwarded (Bedrock InvokeModel takes them as `anthropic_beta` in the body). */
  betas?: string[];
}

/**
 * A provider reached over HTTP in its own wire dialect. Failures are thrown
 * as ProviderError (status, upstream error type, Retry-After); a 2xx is
 * returned as bytes, never as an SDK object.
 */
export interface HttpProvider {
  readonly kind: 'http';
  readonly name: string;
  readonly type: Exclude<ProviderType, 'offline'>;
  readonly supportsImages: boolean;
  /** The chat dialect its request bodies are written in. */
  readonly dialect: ChatDialectName;
  /**
   * The client dialect whose bodies this provider takes as they are (with the
   * model swapped): `openai-chat` for OpenAI-compatible servers,
   * `anthropic-messages` for Anthropic and Bedrock InvokeModel. Converse has none.
   */
  readonly passThrough: 'openai-chat' | 'anthropic-messages' | undefined;
  /**
   * Sends a chat body written in `dialect` — as that API takes it, `model`
   * and `stream` included where the API has them; the adapter moves what its
   * transport needs elsewhere (Bedrock: the model id into the URL).
   */
  chat(body: Record<string, unknown>, call: WireCall): Promise<WireAnswer>;
  /** The same, for a body already written as JSON text (pass-through's client bytes). Absent: the adapter must rewrite the body (Bedrock InvokeModel). */
  chatText?(text: string, call: WireCall): Promise<WireAnswer>;
  /** OpenAI-compatible embeddings (`openai`), or Titan (`bedrock*`): the response JSON text. Absent: the provider does not embed. */
  embed?(body: Record<string, unknown>, call: Omit<WireCall, 'stream'>): Promise<string>;
  /** `{input_tokens}` from the provider's own counter (Anthropic count_tokens, Bedrock CountTokens). */
  countTokens?(body: Record<string, unknown>, call: Omit<WireCall, 'stream'>): Promise<number>;
  close(): Promise<void>;
}

/**
 * A model that runs in this process and works on the IR directly: the
 * built-in offline model, and scripted doubles in tests. No wire, no
 * pass-through: every client dialect is rendered from its IR answers.
 */
export interface LocalProvider {
  readonly kind: 'local';
  readonly name: string;
  readonly type: ProviderType | 'scripted';
  readonly supportsImages: boolean;
  complete(request: IrRequest, target: TargetInfo, signal: AbortSignal): Promise<IrResult>;
  /** Events of one answer, ending with `end` (a stream without it broke). */
  stream(request: IrRequest, target: TargetInfo, signal: AbortSignal): AsyncIterable<IrStreamEvent>;
  embed?(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  countTokens?(request: IrRequest): number;
  close(): Promise<void>;
}

export type FmProvider = HttpProvider | LocalProvider;
