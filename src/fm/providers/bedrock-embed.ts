import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockSdk } from './bedrock-client.ts';

export interface TitanEmbedOptions {
  model: string;
  /** Titan v2 accepts 256, 512 or 1024 (its default). */
  dimensions?: number;
}

const CONCURRENCY = 4;

/**
 * Titan text embeddings through InvokeModel: one call per text (the model
 * takes a single `inputText`), a few in flight at a time, order preserved.
 */
export async function titanEmbed(
  { sdk, client }: { sdk: BedrockSdk; client: BedrockRuntimeClient },
  options: TitanEmbedOptions,
  texts: string[],
  signal: AbortSignal | undefined,
): Promise<number[][]> {
  const out: number[][] = new Array<number[]>(texts.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < texts.length && !failed) {
      const i = next++;
      const body: Record<string, unknown> = { inputText: texts[i], normalize: true };
      if (options.dimensions !== undefined) body.dimensions = options.dimensions;
      const res = await client.send(
        new sdk.InvokeModelCommand({
          modelId: options.model,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(body),
        }),
        { abortSignal: signal },
      );
      const parsed = JSON.parse(new TextDecoder().decode(res.body)) as { embedding?: number[] };
      if (!Array.isArray(parsed.embedding)) throw new SyntaxError('Titan response has no embedding');
      out[i] = parsed.embedding;
    }
  };
  const guarded = (): Promise<void> =>
    worker().catch((err: unknown) => {
      failed = true; // stop the other workers from starting more calls
      throw err;
    });
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, texts.length) }, guarded));
  return out;
}
