import type { OpenAI } from 'openai';
import { systemClock, type Clock } from '../../kernel/index.ts';
import type { CompletionRequest, CompletionResult, Provider, StopReason, StreamEvent, Usage } from '../types.ts';
import { badResponse, connectionError, fromAbort, fromUpstream, parseRetryAfterMs, timeoutError } from './classify.ts';
import { ProviderError } from './errors.ts';
import { lazyClient } from './lazy-client.ts';
import { mapOpenAIFinish, toOpenAIMessages } from './openai-wire.ts';
import { guardStream } from './stream-guard.ts';

export interface OpenAICompatibleOptions {
  name: string;
  /** Local servers (Ollama, vLLM, llama.cpp) ignore it; a placeholder is sent when absent. */
  apiKey?: string;
  /** e.g. `http://localhost:11434/v1` for Ollama. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Off by default: most local models are text-only. */
  supportsImages?: boolean;
  embeddingModel?: string;
  embeddingDimensions?: number;
  clock?: Clock;
}

const DEFAULT_TIMEOUT_MS = 600_000;

/** The SDK module, imported on the provider's first call (lazy-client.ts). */
export type OpenAISdk = typeof import('openai');

/** Any OpenAI-compatible Chat Completions server through the `openai` SDK, SDK retries off. */
export function createOpenAICompatibleProvider(options: OpenAICompatibleOptions): Provider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const lazy = lazyClient(
    name,
    'openai',
    () => import('openai'),
    (sdk): OpenAI =>
      new sdk.OpenAI({
        apiKey: options.apiKey ?? 'not-needed',
        baseURL: options.baseUrl ?? null,
        maxRetries: 0,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      }),
  );
  const classify = (err: unknown): ProviderError => classifyOpenAIError(name, clock, err, lazy.sdk);
  const fail = (err: unknown, signal: AbortSignal | undefined): ProviderError => {
    if (signal?.aborted) return fromAbort(name, signal, err);
    return err instanceof ProviderError ? err : classify(err);
  };

  // `max_tokens` rather than `max_completion_tokens`: the compatible servers understand only the former.
  const params = (req: CompletionRequest) => ({
    model: req.model,
    messages: toOpenAIMessages(name, req),
    max_tokens: req.maxTokens,
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.topP !== undefined ? { top_p: req.topP } : {}),
    ...(req.stopSequences?.length ? { stop: req.stopSequences } : {}),
  });

  async function* events(req: CompletionRequest): AsyncGenerator<StreamEvent> {
    const { client } = await lazy.get(req.signal);
    const stream = await client.chat.completions.create(
      { ...params(req), stream: true, stream_options: { include_usage: true } },
      { signal: req.signal },
    );
    let model = req.model;
    let stop: StopReason | undefined;
    const usage: Usage = { inputTokens: 0, outputTokens: 0 };
    for await (const chunk of stream) {
      if (chunk.model) model = chunk.model;
      const choice = chunk.choices[0];
      const text = choice?.delta?.content;
      if (text) yield { type: 'delta', text };
      if (choice?.finish_reason) stop = mapOpenAIFinish(choice.finish_reason);
      if (chunk.usage) {
        usage.inputTokens = chunk.usage.prompt_tokens;
        usage.outputTokens = chunk.usage.completion_tokens;
      }
    }
    // Servers that ignore include_usage leave usage at zero; a missing finish_reason means the stream broke.
    if (stop !== undefined) yield { type: 'done', usage, stopReason: stop, model };
  }

  const provider: Provider = {
    name,
    supportsImages: options.supportsImages ?? false,
    async complete(req: CompletionRequest): Promise<CompletionResult> {
      try {
        const { client } = await lazy.get(req.signal);
        const res = await client.chat.completions.create(params(req), { signal: req.signal });
        const choice = res.choices[0];
        if (!choice) throw badResponse(name, new Error('no choices in the response'));
        return {
          text: choice.message.content ?? '',
          usage: { inputTokens: res.usage?.prompt_tokens ?? 0, outputTokens: res.usage?.completion_tokens ?? 0 },
          stopReason: mapOpenAIFinish(choice.finish_reason),
          model: res.model || req.model,
        };
      } catch (err) {
        throw fail(err, req.signal);
      }
    },
    stream(req: CompletionRequest): AsyncIterable<StreamEvent> {
      return guardStream(events(req), { provider: name, signal: req.signal, classify });
    },
  };
  const embeddingModel = options.embeddingModel;
  if (embeddingModel !== undefined) {
    provider.embed = async (texts: string[], signal?: AbortSignal): Promise<number[][]> => {
      try {
        const { client } = await lazy.get(signal);
        // Explicit floats: the SDK's default base64 encoding is not implemented by every compatible server.
        const res = await client.embeddings.create(
          {
            model: embeddingModel,
            input: texts,
            encoding_format: 'float',
            ...(options.embeddingDimensions !== undefined ? { dimensions: options.embeddingDimensions } : {}),
          },
          { signal },
        );
        return [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      } catch (err) {
        throw fail(err, signal);
      }
    };
  }
  return provider;
}

/** `sdk` is undefined only before the SDK loaded, when no SDK error can exist yet. */
export function classifyOpenAIError(provider: string, clock: Clock, err: unknown, sdk: OpenAISdk | undefined): ProviderError {
  if (sdk === undefined) return err instanceof SyntaxError ? badResponse(provider, err) : connectionError(provider, err);
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } = sdk;
  if (err instanceof APIUserAbortError) return new ProviderError(`${provider}: cancelled`, { kind: 'aborted', provider, cause: err });
  if (err instanceof APIConnectionTimeoutError) return timeoutError(provider, err);
  if (err instanceof APIConnectionError) return connectionError(provider, err);
  if (err instanceof APIError) {
    const type = err.type ?? err.code ?? undefined;
    const inStreamThrottle = err.status === undefined && (err.code === 'rate_limit_exceeded' || err.type === 'rate_limit_error');
    return fromUpstream({
      provider,
      status: err.status,
      kind: err.status === undefined ? (inStreamThrottle ? 'throttled' : 'server') : undefined,
      upstreamType: type ?? undefined,
      message: err.message,
      retryAfterMs: err.headers ? parseRetryAfterMs((h) => err.headers?.get(h), clock.now()) : undefined,
      cause: err,
    });
  }
  if (err instanceof OpenAIError) return new ProviderError(`${provider}: ${err.message}`, { kind: 'client', provider, cause: err });
  if (err instanceof SyntaxError) return badResponse(provider, err);
  return connectionError(provider, err);
}
