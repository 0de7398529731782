import type { CatalogEntry } from '../catalog/index.ts';
import { CHARS_PER_TOKEN } from '../cost/index.ts';
import { MalformedResponseError, UnsupportedFieldError, openAIEmbeddings, titanEmbeddings } from '../dialects/index.ts';
import type { IrEmbedRequest, IrEmbedResult } from '../ir/types.ts';
import type { HttpProvider } from '../providers/index.ts';
import { guarded } from './guarded.ts';
import type { AttemptTarget, Exchange, Piece } from './types.ts';
import { targetOf } from './wire.ts';

const TITAN_CONCURRENCY = 4;

export interface EmbeddingsExchangeInit {
  /** The client's parsed OpenAI Embeddings body. */
  body: Record<string, unknown>;
  /** The model it resolved to (embedding models need not be chat catalog entries). */
  entry: CatalogEntry;
}

/**
 * A `POST /v1/embeddings` call through the same pipeline as chat — budget,
 * breaker, retries, cache, usage rows and InferenceCompleted — with its one
 * candidate resolved up front. An OpenAI-compatible provider gets the body
 * as it is (model swapped) and its bytes come back untouched; Titan on
 * Bedrock gets one body per text, in-process models embed directly, and
 * their vectors are rendered as OpenAI does (float or little-endian base64).
 */
export function createEmbeddingsExchange(init: EmbeddingsExchangeInit): Exchange {
  const { body, entry } = init;
  let ir: IrEmbedRequest | undefined;
  const irOf = () => (ir ??= openAIEmbeddings.parseRequest(body));
  const texts = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input.filter((x): x is string => typeof x === 'string') : [];
  const encodingFormat = body.encoding_format === 'base64' ? 'base64' : 'float';
  const render = (result: IrEmbedResult): string => JSON.stringify(openAIEmbeddings.renderResult(result, { model: result.model || entry.modelId, encodingFormat }));
  const done = (inputTokens: number, model: string): Piece => ({ type: 'done', outcome: { usage: { inputTokens, outputTokens: 0 }, stopReason: 'end_turn', model } });

  async function* attempt(t: AttemptTarget): AsyncGenerator<Piece, undefined> {
    const p = t.provider;
    const target = targetOf(t.entry);
    const wait = async <T>(work: Promise<T>): Promise<T> => {
      const started = t.now();
      try {
        return await work;
      } finally {
        t.meter.providerWaitMs += t.now() - started;
      }
    };
    if (p.kind === 'local') {
      const request = irOf();
      if (request.tokens) throw new UnsupportedFieldError('input', target, 'token-id inputs need an OpenAI-compatible model; send text');
      if (!p.embed) throw new UnsupportedFieldError('model', target, 'this model does not embed');
      const vectors = await wait(p.embed(request.input, t.signal));
      const inputTokens = p.countTokens ? p.countTokens({ model: '', messages: [{ role: 'user', content: request.input.map((text) => ({ type: 'text', text })) }], stream: false }) : 0;
      yield { type: 'data', data: render({ model: t.entry.modelId, vectors, usage: { inputTokens } }), chars: 0 };
      yield done(inputTokens, t.entry.modelId);
      return undefined;
    }
    if (!p.embed || p.type === 'anthropic') throw new UnsupportedFieldError('model', target, 'this provider has no embeddings API');
    if (p.type === 'openai') {
      const text = await wait(p.embed({ ...body, model: t.entry.modelId }, { modelId: t.entry.modelId, signal: t.signal }));
      const parsed = parse(text);
      const result = openAIEmbeddings.parseResult(parsed);
      yield { type: 'data', data: text, chars: 0 };
      yield done(result.usage.inputTokens, result.model || t.entry.modelId);
      return undefined;
    }
    const bodies = titanEmbeddings.buildRequests(irOf(), target);
    const answers = await wait(titan(p, bodies, t));
    const result = titanEmbeddings.parseResults(answers.map(parse), t.entry.modelId);
    yield { type: 'data', data: render(result), chars: 0 };
    yield done(result.usage.inputTokens, t.entry.modelId);
    return undefined;
  }

  return {
    mode: 'complete',
    dialect: 'openai-embeddings',
    model: entry.alias,
    candidates: [entry],
    hasImages: false,
    estimatedInputTokens: Math.ceil(texts.reduce((n, s) => n + s.length, 0) / CHARS_PER_TOKEN),
    maxTokens: 0,
    latestUserText: () => '',
    cacheMaterial: (e) => ({ d: 'openai-embeddings', p: e.provider, b: { ...body, model: e.modelId } }),
    source: (t) => guarded(t.provider.name, t.signal, attempt(t)),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MalformedResponseError('the embeddings response is not JSON', err);
  }
}

/** Titan takes one text per call: a few in flight, order kept, the first failure stops the rest. */
async function titan(provider: HttpProvider, bodies: Record<string, unknown>[], t: AttemptTarget): Promise<string[]> {
  const out = new Array<string>(bodies.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < bodies.length && !failed) {
      const i = next++;
      out[i] = await provider.embed!(bodies[i]!, { modelId: t.entry.modelId, signal: t.signal });
    }
  };
  const guardedWorker = () =>
    worker().catch((err: unknown) => {
      failed = true;
      throw err;
    });
  await Promise.all(Array.from({ length: Math.min(TITAN_CONCURRENCY, bodies.length) }, guardedWorker));
  return out;
}
