/**
 * The official clients as clients of a Hashi listening on a real port, over
 * every provider kind of the fake upstream plus the offline model: Converse
 * (`haiku`), InvokeModel (`haiku-invoke`), Anthropic (`claude`),
 * OpenAI-compatible (`llama`) and offline (`extractive`). Embedding models:
 * the OpenAI-compatible provider's `nomic-embed-text`, Titan on Bedrock, and
 * `offline/hash-embed-384`.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { FmConfig } from '../../src/fm/index.ts';
import { startFakeUpstream, toolResults, type FakeApi, type FakeReplySource, type FakeUpstream, type FakeUpstreamOptions } from '../support/fake-upstream/index.ts';
import { fmConfig, HAIKU_ID, startGateway, type GatewayHarness } from './harness.ts';

export const TITAN_ID = 'amazon.titan-embed-text-v2:0';
export const LOCAL_EMBED_ID = 'nomic-embed-text';

/** One provider kind: the alias a client names, and what reaches the fake. */
export interface Kind {
  kind: 'converse' | 'invoke' | 'anthropic' | 'openai' | 'offline';
  model: string;
  provider: string;
  providerModel: string;
  /** Fake endpoints hit (none for offline). */
  api?: FakeApi;
  streamApi?: FakeApi;
  /** The client dialect whose bodies this provider takes as they are. */
  passThrough?: 'openai' | 'anthropic';
}

export const CONVERSE: Kind = { kind: 'converse', model: 'haiku', provider: 'bedrock', providerModel: HAIKU_ID, api: 'bedrock.converse', streamApi: 'bedrock.converse-stream' };
export const INVOKE: Kind = { kind: 'invoke', model: 'haiku-invoke', provider: 'bedrock-native', providerModel: HAIKU_ID, api: 'bedrock.invoke', streamApi: 'bedrock.invoke-stream', passThrough: 'anthropic' };
export const ANTHROPIC: Kind = { kind: 'anthropic', model: 'claude', provider: 'anthropic', providerModel: 'claude-haiku-4-5', api: 'anthropic.messages', streamApi: 'anthropic.messages', passThrough: 'anthropic' };
export const OPENAI: Kind = { kind: 'openai', model: 'llama', provider: 'local', providerModel: 'llama3.2:3b', api: 'openai.chat', streamApi: 'openai.chat', passThrough: 'openai' };
export const OFFLINE: Kind = { kind: 'offline', model: 'extractive', provider: 'offline', providerModel: 'offline/extractive' };

/** Every upstream kind behind the fake. */
export const WIRE_KINDS = [CONVERSE, INVOKE, ANTHROPIC, OPENAI] as const;
/** …and the offline model. */
export const ALL_KINDS = [...WIRE_KINDS, OFFLINE] as const;

/** The harness's providers plus embedding models, an offline provider and its alias (priced, so budgets apply to it too); `extra.models` are added to the catalog, `extra.resilience` over the harness's. */
export function matrixConfig(fake: FakeUpstream, extra: Partial<FmConfig> = {}): Partial<FmConfig> {
  const base = fmConfig(fake);
  const providers = base.providers!.map((p) => {
    if (p.name === 'local') return { ...p, embeddingModel: LOCAL_EMBED_ID, supportsImages: true };
    if (p.name === 'bedrock') return { ...p, embeddingModel: TITAN_ID };
    return p;
  });
  const { models, resilience, ...rest } = extra;
  return {
    providers: [...providers, { name: 'offline', type: 'offline' }],
    models: { ...base.models, extractive: { provider: 'offline', model: 'offline/extractive', maxTokens: 512, price: { inputPerMillion: 0.1, outputPerMillion: 0.2 } }, ...models },
    // Fault tests break many calls in a row: circuits stay closed unless a test asks for them.
    resilience: { ...base.resilience, breaker: { failureThreshold: 1000 }, ...resilience },
    ...rest,
  };
}

export interface MatrixHarness {
  h: GatewayHarness;
  url: string;
  openai: OpenAI;
  anthropic: Anthropic;
  /** A client of either SDK with another key or headers. */
  openaiWith(options: { apiKey?: string; headers?: Record<string, string> }): OpenAI;
  anthropicWith(options: { apiKey?: string; headers?: Record<string, string> }): Anthropic;
  close(): Promise<void>;
}

/** A Hashi over the fake with the matrix config, listening on 127.0.0.1, and both official clients pointed at it with a Hashi key. */
export async function startMatrix(options: { fm?: Partial<FmConfig>; fake?: FakeUpstreamOptions; yaml?: string } = {}): Promise<MatrixHarness> {
  const fake = await startFakeUpstream(options.fake);
  const h = await startGateway({ fake, fm: matrixConfig(fake, options.fm), ...(options.yaml ? { yaml: options.yaml } : {}) });
  const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const openaiWith = (o: { apiKey?: string; headers?: Record<string, string> }) =>
    new OpenAI({ baseURL: `${url}/v1`, apiKey: o.apiKey ?? h.key, maxRetries: 0, ...(o.headers ? { defaultHeaders: o.headers } : {}) });
  const anthropicWith = (o: { apiKey?: string; headers?: Record<string, string> }) =>
    new Anthropic({ baseURL: url, apiKey: o.apiKey ?? h.key, maxRetries: 0, ...(o.headers ? { defaultHeaders: o.headers } : {}) });
  return {
    h,
    url,
    openai: openaiWith({}),
    anthropic: anthropicWith({}),
    openaiWith,
    anthropicWith,
    async close() {
      await h.close();
      await fake.close();
    },
  };
}

/** Awaits a promise expected to reject and returns what it rejected with. */
export async function failureOf(work: Promise<unknown>): Promise<any> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure, got a success');
}

export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** The provider's side of a parallel tool turn: two calls with these ids, then an answer quoting each result as `id=content`. */
export function twoToolCallsThenQuote(ids: readonly [string, string]): FakeReplySource {
  return (req) => {
    const results = toolResults(req);
    if (results.length === 0) {
      return {
        toolCalls: [
          { id: ids[0], name: 'get_weather', input: { city: 'Osaka' } },
          { id: ids[1], name: 'get_time', input: { tz: 'Asia/Tokyo' } },
        ],
      };
    }
    return { text: results.map((r) => `${r.id}=${r.content}`).join('; ') };
  };
}
