import OpenAI from 'openai';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';
import { describe, expect, it } from 'vitest';
import { DialectRequestError, UnsupportedFieldError } from '../errors.ts';
import { fakeFetch } from '../testing.ts';
import { titanEmbeddings } from '../titan-embeddings/index.ts';
import type { TargetInfo } from '../types.ts';
import { base64ToVector, openAIEmbeddings, vectorToBase64 } from './index.ts';

const vectors = [
  [0.1, -0.25, 3.5e-8, 1],
  [-1, 0.333, 0, 42.125],
];
const f32 = (v: number[]) => Array.from(Float32Array.from(v));
const client = (json: unknown) => new OpenAI({ apiKey: 'k', baseURL: 'http://hashi.test/v1', fetch: fakeFetch({ json }), maxRetries: 0 });
const target: TargetInfo = { modelId: 'amazon.titan-embed-text-v2:0', alias: 'titan', provider: 'bedrock', maxTokens: 0 };

describe('openai-embeddings', () => {
  it('base64 is little-endian float32 the official SDK decodes (it asks for base64 by default)', async () => {
    const json = openAIEmbeddings.renderResult({ model: 'x', vectors, usage: { inputTokens: 7 } }, { model: 'embed-alias', encodingFormat: 'base64' });
    const res = await client(json).embeddings.create({ model: 'embed-alias', input: ['a', 'b'] });
    expect(res.data.map((d) => d.embedding)).toEqual(vectors.map(f32));
    expect(res.usage).toEqual({ prompt_tokens: 7, total_tokens: 7 });
    expect(res.model).toBe('embed-alias');
    expect(vectorToBase64([1])).toBe('AACAPw==');
    expect(base64ToVector(vectorToBase64(vectors[1]!))).toEqual(f32(vectors[1]!));
  });

  it('float output reaches the SDK unchanged', async () => {
    const json = openAIEmbeddings.renderResult({ model: 'x', vectors, usage: { inputTokens: 2 } }, { model: 'm', encodingFormat: 'float' });
    const res = await client(json).embeddings.create({ model: 'm', input: 'a', encoding_format: 'float' });
    expect(res.data.map((d) => d.embedding)).toEqual(vectors);
  });

  it('parses string, string[] and token inputs; refuses empty or mixed input naming the field', () => {
    const body: EmbeddingCreateParams = { model: 'm', input: ['a', 'b'], encoding_format: 'base64', dimensions: 256, user: 'u' };
    expect(openAIEmbeddings.parseRequest(body as never)).toEqual({ model: 'm', input: ['a', 'b'], encodingFormat: 'base64', dimensions: 256, user: 'u' });
    expect(openAIEmbeddings.parseRequest({ model: 'm', input: 'one' })).toEqual({ model: 'm', input: ['one'] });
    expect(openAIEmbeddings.parseRequest({ model: 'm', input: [1, 2, 3] })).toEqual({ model: 'm', input: [], tokens: [[1, 2, 3]] });
    expect(openAIEmbeddings.parseRequest({ model: 'm', input: [[1], [2, 3]] })).toEqual({ model: 'm', input: [], tokens: [[1], [2, 3]] });
    for (const input of ['', [], ['a', 1], [[]], [1.5]]) expect(() => openAIEmbeddings.parseRequest({ model: 'm', input })).toThrow(DialectRequestError);
    expect(() => openAIEmbeddings.parseRequest({ model: 'm', input: ['a', ''] })).toThrow('input[1] must not be empty');
    expect(() => openAIEmbeddings.parseRequest({ model: 'm', input: 'a', encoding_format: 'int8' })).toThrow('encoding_format');
  });

  it('builds for an OpenAI-compatible server (token inputs and extra fields forwarded) and reads float or base64 answers in index order', () => {
    const ir = openAIEmbeddings.parseRequest({ model: 'alias', input: [[5, 6]], dimensions: 8, extra_thing: 1 });
    expect(openAIEmbeddings.buildRequest(ir, { ...target, modelId: 'text-embedding-3-small' })).toEqual({ model: 'text-embedding-3-small', input: [[5, 6]], encoding_format: 'float', dimensions: 8, extra_thing: 1 });
    const parsed = openAIEmbeddings.parseResult({
      object: 'list',
      model: 'text-embedding-3-small',
      data: [
        { object: 'embedding', index: 1, embedding: vectorToBase64(vectors[1]!) },
        { object: 'embedding', index: 0, embedding: vectors[0] },
      ],
      usage: { prompt_tokens: 4, total_tokens: 4 },
    });
    expect(parsed).toEqual({ model: 'text-embedding-3-small', vectors: [vectors[0], f32(vectors[1]!)], usage: { inputTokens: 4 } });
  });
});

describe('titan-embeddings', () => {
  it('one InvokeModel body per text; the answers fold into one result with summed tokens', () => {
    expect(titanEmbeddings.buildRequests({ model: 'titan', input: ['a', 'b'], dimensions: 256 }, target)).toEqual([
      { inputText: 'a', dimensions: 256, normalize: true },
      { inputText: 'b', dimensions: 256, normalize: true },
    ]);
    expect(titanEmbeddings.parseResults([{ embedding: [0.5], inputTextTokenCount: 2 }, { embedding: [0.25], inputTextTokenCount: 3 }], 'titan')).toEqual({ model: 'titan', vectors: [[0.5], [0.25]], usage: { inputTokens: 5 } });
  });

  it.each([
    ['input', { tokens: [[1, 2]] }],
    ['user', { user: 'u' }],
    ['extra_thing', { extra: { extra_thing: true } }],
  ])('refuses %s with a 400 naming it and the model', (field, patch) => {
    const run = () => titanEmbeddings.buildRequests({ model: 'titan', input: ['a'], ...patch }, target);
    expect(run).toThrow(UnsupportedFieldError);
    expect(run).toThrow(`${field} is not supported by model titan (provider bedrock)`);
  });
});
