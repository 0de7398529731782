import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, LOCAL_EMBED_ID, startMatrix, TITAN_ID, type MatrixHarness } from './sdk-matrix.ts';

// The official `openai` client's embeddings against Hashi: passed through to the OpenAI-compatible provider,
// Titan on Bedrock (one InvokeModel per text), and the offline hashed embeddings — each in float and in the
// SDK's default base64 (little-endian float32, which the SDK decodes).

const EMBEDDERS = [
  { kind: 'openai', model: LOCAL_EMBED_ID, dims: 16, upstream: 'openai.embeddings' },
  { kind: 'titan (provider embeddingModel)', model: TITAN_ID, dims: 1024, upstream: 'bedrock.invoke' },
  { kind: 'titan (catalog entry)', model: 'titan', dims: 1024, upstream: 'bedrock.invoke' },
  { kind: 'offline', model: 'offline/hash-embed-384', dims: 384, upstream: undefined },
] as const;

const texts = ['Monster by Naoki Urasawa', 'Pluto, a retelling of Astro Boy', 'Monster by Naoki Urasawa'];
const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix({
    fm: { models: { titan: { provider: 'bedrock', model: TITAN_ID, maxTokens: 1, price: { inputPerMillion: 0.02, outputPerMillion: 0 } } } },
  });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

describe.each(EMBEDDERS)('openai client embeddings → $kind ($model)', (e) => {
  it('float and the default base64 give the same vectors, in input order, with usage', async () => {
    // `titan` and its model id are one model, so one exact-cache entry: skip it to see the upstream calls.
    const floats = await m.openai.embeddings.create({ model: e.model, input: texts, encoding_format: 'float' }, { headers: { 'x-hashi-skip-cache': 'true' } });
    const sent = m.h.fake.requests.length;
    const decoded = await m.openai.embeddings.create({ model: e.model, input: texts }, { headers: { 'x-hashi-skip-cache': 'true' } });

    expect(floats.object).toBe('list');
    expect(floats.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual(texts.map((_, i) => ['embedding', i, e.dims]));
    expect(floats.data.every((d) => Math.abs(norm(d.embedding) - 1) < 1e-3)).toBe(true);
    expect(floats.data[0]!.embedding).toEqual(floats.data[2]!.embedding);
    expect(floats.data[0]!.embedding).not.toEqual(floats.data[1]!.embedding);
    decoded.data.forEach((d, i) => {
      expect(d.embedding).toHaveLength(e.dims);
      d.embedding.forEach((x, j) => expect(x).toBeCloseTo(floats.data[i]!.embedding[j]!, 6));
    });
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
    expect(decoded.usage).toEqual(floats.usage);
    if (e.upstream === 'openai.embeddings') {
      expect(m.h.fake.requests.map((r) => [r.api, r.body.input, r.body.encoding_format])).toEqual([
        [e.upstream, texts, 'float'],
        [e.upstream, texts, 'base64'],
      ]);
    } else if (e.upstream === 'bedrock.invoke') {
      expect(sent).toBe(texts.length);
      expect(m.h.fake.requests.slice(0, sent).map((r) => [r.api, r.modelId, r.body.inputText])).toEqual(texts.map((t) => [e.upstream, TITAN_ID, t]));
      expect(floats.usage.prompt_tokens).toBe(texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0));
    } else {
      expect(m.h.fake.requests).toHaveLength(0);
    }
  });

  it('a single string input is one embedding', async () => {
    const one = await m.openai.embeddings.create({ model: e.model, input: 'Monster by Naoki Urasawa' });

    expect(one.data).toHaveLength(1);
    expect(one.data[0]!.embedding).toHaveLength(e.dims);
  });
});

describe('embeddings: options and refusals', () => {
  it('forwards dimensions to the OpenAI-compatible provider and to Titan', async () => {
    const local = await m.openai.embeddings.create({ model: LOCAL_EMBED_ID, input: 'a', dimensions: 8 });
    const titan = await m.openai.embeddings.create({ model: TITAN_ID, input: 'a', dimensions: 256 });

    expect([local.data[0]!.embedding.length, titan.data[0]!.embedding.length]).toEqual([8, 256]);
    expect(m.h.fake.requests.map((r) => r.body.dimensions)).toEqual([8, 256]);
  });

  it('an unknown model is a 400 naming the models that exist', async () => {
    const err = await failureOf(m.openai.embeddings.create({ model: 'text-embedding-9', input: 'a' }));

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toContain('text-embedding-9');
    expect(err.message).toContain(LOCAL_EMBED_ID);
    expect(err.message).toContain('titan');
    expect(err.message).toContain('offline/hash-embed-384');
  });

  it('a chat model whose provider has no embeddings API is a 400 naming it', async () => {
    const err = await failureOf(m.openai.embeddings.create({ model: 'claude', input: 'a' }));

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toMatch(/claude/);
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it('token-id inputs pass through to the OpenAI-compatible provider and are refused by Titan with a 400', async () => {
    await m.openai.embeddings.create({ model: LOCAL_EMBED_ID, input: [[1, 2, 3]] as never, encoding_format: 'float' }).catch(() => undefined);
    const titan = await failureOf(m.openai.embeddings.create({ model: TITAN_ID, input: [[1, 2, 3]] as never }));

    expect(m.h.fake.requests[0]!.body.input).toEqual([[1, 2, 3]]);
    expect(titan).toBeInstanceOf(OpenAI.BadRequestError);
    expect(titan.message).toMatch(/input/);
  });
});
