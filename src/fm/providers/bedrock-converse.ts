import { systemClock, type Clock } from '../../kernel/index.ts';
import type { CompletionRequest, CompletionResult, Provider, StopReason, StreamEvent, Usage } from '../types.ts';
import { createBedrockClient, type BedrockClientOptions } from './bedrock-client.ts';
import { fromConverseOutput, mapConverseStop, toConverseInput } from './bedrock-converse-wire.ts';
import { titanEmbed } from './bedrock-embed.ts';
import { classifyBedrockError } from './bedrock-errors.ts';
import { fromAbort } from './classify.ts';
import { ProviderError } from './errors.ts';
import { guardStream } from './stream-guard.ts';

export interface BedrockProviderOptions extends BedrockClientOptions {
  name: string;
  supportsImages?: boolean;
  /** A Titan text embedding model id, e.g. `amazon.titan-embed-text-v2:0`. */
  embeddingModel?: string;
  embeddingDimensions?: number;
  clock?: Clock;
}

/** Bedrock through the model-agnostic Converse / ConverseStream API. */
export function createBedrockConverseProvider(options: BedrockProviderOptions): Provider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const lazy = createBedrockClient(name, options);
  const classify = (err: unknown): ProviderError => classifyBedrockError(name, clock, err, lazy.sdk);
  const fail = (err: unknown, signal: AbortSignal | undefined): ProviderError => {
    if (signal?.aborted) return fromAbort(name, signal, err);
    return err instanceof ProviderError ? err : classify(err);
  };

  async function* events(req: CompletionRequest): AsyncGenerator<StreamEvent> {
    const input = toConverseInput(name, req);
    const { sdk, client } = await lazy.get(req.signal);
    const out = await client.send(new sdk.ConverseStreamCommand(input), { abortSignal: req.signal });
    let stop: StopReason | undefined;
    let usage: Usage | undefined;
    for await (const event of out.stream ?? []) {
      const text = event.contentBlockDelta?.delta?.text;
      if (text) yield { type: 'delta', text };
      if (event.messageStop) stop = mapConverseStop(event.messageStop.stopReason);
      if (event.metadata?.usage) {
        usage = { inputTokens: event.metadata.usage.inputTokens ?? 0, outputTokens: event.metadata.usage.outputTokens ?? 0 };
      }
    }
    // Bedrock always ends with messageStop then metadata (the usage); without both the stream broke.
    if (stop !== undefined && usage !== undefined) yield { type: 'done', usage, stopReason: stop, model: req.model };
  }

  const provider: Provider = {
    name,
    supportsImages: options.supportsImages ?? true,
    async complete(req: CompletionRequest): Promise<CompletionResult> {
      try {
        const input = toConverseInput(name, req);
        const { sdk, client } = await lazy.get(req.signal);
        const out = await client.send(new sdk.ConverseCommand(input), { abortSignal: req.signal });
        return fromConverseOutput(out, req.model);
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
