import { systemClock } from '../../kernel/index.ts';
import type { CompletionRequest, CompletionResult, Provider, StreamEvent } from '../types.ts';
import { AnthropicStreamReader, fromAnthropicMessage, toAnthropicBody, type AnthropicMessageWire } from './anthropic-wire.ts';
import type { BedrockProviderOptions } from './bedrock-converse.ts';
import { createBedrockClient } from './bedrock-client.ts';
import { titanEmbed } from './bedrock-embed.ts';
import { classifyBedrockError } from './bedrock-errors.ts';
import { fromAbort } from './classify.ts';
import { ProviderError } from './errors.ts';
import { guardStream } from './stream-guard.ts';

export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

interface InvocationMetrics {
  'amazon-bedrock-invocationMetrics'?: { inputTokenCount?: number; outputTokenCount?: number };
}

/**
 * Anthropic models on Bedrock through InvokeModel / InvokeModelWithResponseStream
 * with the native Messages body. Each stream `chunk` carries one Messages
 * stream event as JSON bytes.
 */
export function createBedrockInvokeProvider(options: BedrockProviderOptions): Provider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const lazy = createBedrockClient(name, options);
  const classify = (err: unknown): ProviderError => classifyBedrockError(name, clock, err, lazy.sdk);
  const fail = (err: unknown, signal: AbortSignal | undefined): ProviderError => {
    if (signal?.aborted) return fromAbort(name, signal, err);
    return err instanceof ProviderError ? err : classify(err);
  };
  const body = (req: CompletionRequest): string =>
    JSON.stringify({ anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...toAnthropicBody(name, req) });

  async function* events(req: CompletionRequest): AsyncGenerator<StreamEvent> {
    const input = { modelId: req.model, contentType: 'application/json', accept: 'application/json', body: body(req) };
    const { sdk, client } = await lazy.get(req.signal);
    const out = await client.send(new sdk.InvokeModelWithResponseStreamCommand(input), { abortSignal: req.signal });
    const reader = new AnthropicStreamReader(req.model);
    const decoder = new TextDecoder();
    for await (const part of out.body ?? []) {
      if (!part.chunk?.bytes) continue;
      const event = JSON.parse(decoder.decode(part.chunk.bytes)) as InvocationMetrics;
      const text = reader.read(event);
      if (text) yield { type: 'delta', text };
      const metrics = event['amazon-bedrock-invocationMetrics'];
      if (metrics && reader.usage.inputTokens === 0) reader.usage.inputTokens = metrics.inputTokenCount ?? 0;
    }
    if (reader.finished) yield { type: 'done', usage: reader.usage, stopReason: reader.stopReason, model: reader.model };
  }

  const provider: Provider = {
    name,
    supportsImages: options.supportsImages ?? true,
    async complete(req: CompletionRequest): Promise<CompletionResult> {
      try {
        const input = { modelId: req.model, contentType: 'application/json', accept: 'application/json', body: body(req) };
        const { sdk, client } = await lazy.get(req.signal);
        const out = await client.send(new sdk.InvokeModelCommand(input), { abortSignal: req.signal });
        const message = JSON.parse(new TextDecoder().decode(out.body)) as AnthropicMessageWire;
        return fromAnthropicMessage(message, req.model);
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
    provider.embed = async (texts, signal) => {
      try {
        return await titanEmbed(await lazy.get(signal), { model: embeddingModel, dimensions: options.embeddingDimensions }, texts, signal);
      } catch (err) {
        throw fail(err, signal);
      }
    };
  }
  return provider;
}
