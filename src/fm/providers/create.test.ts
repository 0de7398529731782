import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../../test/support/fake-upstream/index.ts';
import { createAjv } from '../../kernel/index.ts';
import { createProvider } from './create.ts';
import type { ProviderDefinition } from './definition.ts';
import { PROVIDER_DEFINITION_SCHEMA } from './definition.ts';
import { OFFLINE_CHAT_MODEL } from './offline.ts';

describe('createProvider', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const ask = (model: string) => ({ model, messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 20 });
  const aws = { region: 'eu-west-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 's', sessionToken: 't' } };

  it.each([
    [{ name: 'bedrock', type: 'bedrock', ...aws }, 'anthropic.claude-3-haiku-20240307-v1:0', 'bedrock.converse', true],
    [{ name: 'bedrock-native', type: 'bedrock-invoke', ...aws }, 'anthropic.claude-3-haiku-20240307-v1:0', 'bedrock.invoke', true],
    [{ name: 'anthropic', type: 'anthropic', apiKey: 'k' }, 'claude-haiku-4-5', 'anthropic.messages', true],
    [{ name: 'local-ollama', type: 'openai' }, 'llama3.2:3b', 'openai.chat', false],
  ] as const)('%o reaches the fake through the right API', async (partial, model, api, images) => {
    const url = partial.type === 'openai' ? `${fake.url}/v1` : fake.url;
    const def = { ...partial, ...(partial.type.startsWith('bedrock') ? { endpoint: url } : { baseUrl: url }) } as ProviderDefinition;
    const provider = createProvider(def);
    const result = await provider.complete(ask(model));
    expect(result.text).toBe('Hello from the fake upstream.');
    expect(provider.name).toBe(partial.name);
    expect(provider.supportsImages).toBe(images);
    expect(fake.requests[0]!.api).toBe(api);
  });

  it('passes the session token and region into the SigV4 signature', async () => {
    await createProvider({ name: 'b', type: 'bedrock', endpoint: fake.url, ...aws }).complete(ask('m'));
    expect(fake.requests[0]!.headers['x-amz-security-token']).toBe('t');
    expect(fake.requests[0]!.headers.authorization).toContain('/eu-west-1/bedrock/aws4_request');
  });

  it('builds the offline provider without any account', async () => {
    const provider = createProvider({ name: 'offline', type: 'offline' });
    expect((await provider.complete(ask('anything'))).model).toBe(OFFLINE_CHAT_MODEL);
    expect(provider.embed).toBeTypeOf('function');
  });

  it('embeddings exist only when an embedding model is configured', () => {
    expect(createProvider({ name: 'b', type: 'bedrock', ...aws }).embed).toBeUndefined();
    expect(createProvider({ name: 'b', type: 'bedrock', ...aws, embeddingModel: 'amazon.titan-embed-text-v2:0' }).embed).toBeTypeOf('function');
  });

  it('supportsImages can be overridden', () => {
    expect(createProvider({ name: 'llava', type: 'openai', baseUrl: 'http://127.0.0.1:1/v1', supportsImages: true }).supportsImages).toBe(true);
  });

  it('refuses an unknown type with FM_PROVIDER_CONFIG_INVALID', () => {
    expect(() => createProvider({ name: 'x', type: 'gemini' } as unknown as ProviderDefinition)).toThrow(
      expect.objectContaining({ code: 'FM_PROVIDER_CONFIG_INVALID' }),
    );
  });
});

describe('PROVIDER_DEFINITION_SCHEMA', () => {
  const validate = createAjv().compile(PROVIDER_DEFINITION_SCHEMA);

  it.each([
    { name: 'offline', type: 'offline' },
    { name: 'bedrock', type: 'bedrock', region: 'ap-northeast-1', embeddingModel: 'amazon.titan-embed-text-v2:0', embeddingDimensions: 512 },
    { name: 'local-ollama', type: 'openai', baseUrl: 'http://localhost:11434/v1', timeoutMs: 30000 },
    { name: 'bedrock-ci', type: 'bedrock-invoke', endpoint: 'http://127.0.0.1:4010', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
  ])('accepts %o', (def) => {
    expect(validate(def)).toBe(true);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ type: 'offline' }, 'missing name'],
    [{ name: 'x', type: 'gemini' }, 'unknown type'],
    [{ name: 'x', type: 'openai', baseUrl: 'not a url' }, 'bad url'],
    [{ name: 'x', type: 'bedrock', credentials: { accessKeyId: 'a' } }, 'half credentials'],
    [{ name: 'x', type: 'offline', colour: 'red' }, 'unknown field'],
    [{ name: 'has space', type: 'offline' }, 'bad name'],
  ])('rejects %o (%s)', (def, _why) => {
    expect(validate(def)).toBe(false);
  });
});
