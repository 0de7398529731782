import type { Anthropic } from '@anthropic-ai/sdk';
import { systemClock, type Clock } from '../../kernel/index.ts';
import type { CompletionRequest, CompletionResult, Provider, StreamEvent } from '../types.ts';
import { AnthropicStreamReader, fromAnthropicMessage, toAnthropicBody } from './anthropic-wire.ts';
import { badResponse, connectionError, fromAbort, fromUpstream, parseRetryAfterMs, timeoutError } from './classify.ts';
import { ProviderError, type ProviderErrorKind } from './errors.ts';
import { lazyClient } from './lazy-client.ts';
import { guardStream } from './stream-guard.ts';

/** The SDK module, imported on the provider's first call (lazy-client.ts). */
export type AnthropicSdk = typeof import('@anthropic-ai/sdk');

export interface AnthropicProviderOptions {
  name: string;
  /** Required in practice; never read from the environment here. */
  apiKey?: string;
  baseUrl?: string;
  /** Per-call socket timeout; the gateway's deadline usually fires first. */
  timeoutMs?: number;
  supportsImages?: boolean;
  clock?: Clock;
}

const DEFAULT_TIMEOUT_MS = 600_000;

/** The Anthropic Messages API through `@anthropic-ai/sdk`, SDK retries off. */
export function createAnthropicProvider(options: AnthropicProviderOptions): Provider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const lazy = lazyClient(
    name,
    '@anthropic-ai/sdk',
    () => import('@anthropic-ai/sdk'),
    (sdk): Anthropic =>
      new sdk.Anthropic({
        apiKey: options.apiKey ?? null,
        baseURL: options.baseUrl ?? null,
        maxRetries: 0,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      }),
  );
  const classify = (err: unknown): ProviderError => classifyAnthropicError(name, clock, err, lazy.sdk);

  async function* events(req: CompletionRequest): AsyncGenerator<StreamEvent> {
    const body = toAnthropicBody(name, req);
    const { client } = await lazy.get(req.signal);
    const stream = await client.messages.create({ ...body, model: req.model, stream: true }, { signal: req.signal });
    const reader = new AnthropicStreamReader(req.model);
    for await (const event of stream) {
      const text = reader.read(event);
      if (text) yield { type: 'delta', text };
    }
    if (reader.finished) {
      yield { type: 'done', usage: reader.usage, stopReason: reader.stopReason, model: reader.model };
    }
  }

  return {
    name,
    supportsImages: options.supportsImages ?? true,
    async complete(req: CompletionRequest): Promise<CompletionResult> {
      try {
        const body = toAnthropicBody(name, req);
        const { client } = await lazy.get(req.signal);
        const message = await client.messages.create({ ...body, model: req.model }, { signal: req.signal });
        return fromAnthropicMessage(message, req.model);
      } catch (err) {
        if (req.signal?.aborted) throw fromAbort(name, req.signal, err);
        throw err instanceof ProviderError ? err : classify(err);
      }
    },
    stream(req: CompletionRequest): AsyncIterable<StreamEvent> {
      return guardStream(events(req), { provider: name, signal: req.signal, classify });
    },
  };
}

/** Anthropic `error.type` values, for errors that arrive inside a stream without a status. */
const TYPE_KINDS: Record<string, ProviderErrorKind> = {
  rate_limit_error: 'throttled',
  overloaded_error: 'server',
  api_error: 'server',
  timeout_error: 'timeout',
  invalid_request_error: 'client',
  authentication_error: 'client',
  permission_error: 'client',
  not_found_error: 'client',
  request_too_large: 'client',
};

/** `sdk` is undefined only before the SDK loaded, when no SDK error can exist yet. */
export function classifyAnthropicError(provider: string, clock: Clock, err: unknown, sdk: AnthropicSdk | undefined): ProviderError {
  if (sdk === undefined) return err instanceof SyntaxError ? badResponse(provider, err) : connectionError(provider, err);
  const { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = sdk;
  if (err instanceof APIUserAbortError) return new ProviderError(`${provider}: cancelled`, { kind: 'aborted', provider, cause: err });
  if (err instanceof APIConnectionTimeoutError) return timeoutError(provider, err);
  if (err instanceof APIConnectionError) return connectionError(provider, err);
  if (err instanceof APIError) {
    const type = err.type ?? undefined;
    return fromUpstream({
      provider,
      status: err.status,
      kind: err.status === undefined ? (TYPE_KINDS[type ?? ''] ?? 'server') : undefined,
      upstreamType: type,
      message: err.message,
      retryAfterMs: err.headers ? parseRetryAfterMs((h) => err.headers?.get(h), clock.now()) : undefined,
      cause: err,
    });
  }
  // Other SDK errors are local refusals (e.g. no credentials configured).
  if (err instanceof AnthropicError) return new ProviderError(`${provider}: ${err.message}`, { kind: 'client', provider, cause: err });
  if (err instanceof SyntaxError) return badResponse(provider, err);
  return connectionError(provider, err);
}
