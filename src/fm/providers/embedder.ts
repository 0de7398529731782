import { badResponse } from './classify.ts';
import type { ProviderDefinition } from './definition.ts';
import type { FmProvider } from './port.ts';

/** Texts → vectors, in order (knowledge-base search, the apps). */
export type Embed = (texts: string[], signal?: AbortSignal) => Promise<number[][]>;

const TITAN_CONCURRENCY = 4;

/**
 * The native embedding function of a provider with an `embeddingModel`:
 * OpenAI-compatible `/embeddings` (floats asked for explicitly: not every
 * compatible server implements base64), Titan on Bedrock (one text per
 * call, a few in flight, order kept), or the offline hashed embeddings.
 * Undefined when the provider cannot embed.
 */
export function embedderOf(def: ProviderDefinition, provider: FmProvider): Embed | undefined {
  if (provider.kind === 'local') return provider.embed?.bind(provider);
  const model = def.embeddingModel;
  const embed = provider.embed?.bind(provider);
  if (!model || !embed) return undefined;
  const parse = <T>(text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw badResponse(provider.name, err);
    }
  };
  if (provider.type === 'openai') {
    return async (texts, signal = new AbortController().signal) => {
      const body: Record<string, unknown> = { model, input: texts, encoding_format: 'float' };
      if (def.embeddingDimensions !== undefined) body.dimensions = def.embeddingDimensions;
      const res = parse<{ data?: { index: number; embedding: number[] }[] }>(await embed(body, { modelId: model, signal }));
      if (!Array.isArray(res.data)) throw badResponse(provider.name, new Error('no data in the embeddings response'));
      return [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    };
  }
  return async (texts, signal = new AbortController().signal) => {
    const out = new Array<number[]>(texts.length);
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (next < texts.length && !failed) {
        const i = next++;
        const body: Record<string, unknown> = { inputText: texts[i], normalize: true };
        if (def.embeddingDimensions !== undefined) body.dimensions = def.embeddingDimensions;
        const res = parse<{ embedding?: number[] }>(await embed(body, { modelId: model, signal }));
        if (!Array.isArray(res.embedding)) throw badResponse(provider.name, new Error('Titan response has no embedding'));
        out[i] = res.embedding;
      }
    };
    const guarded = () =>
      worker().catch((err: unknown) => {
        failed = true; // stop the other workers from starting more calls
        throw err;
      });
    await Promise.all(Array.from({ length: Math.min(TITAN_CONCURRENCY, texts.length) }, guarded));
    return out;
  };
}
