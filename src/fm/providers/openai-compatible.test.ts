import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import { collect, failure, providerContract, type SentRequest } from './contract.ts';
import { createOpenAICompatibleProvider } from './openai-compatible.ts';

function inspect(req: RecordedRequest): SentRequest {
  const body = req.body;
  const system = body.messages.find((m: any) => m.role === 'system');
  const user = body.messages.find((m: any) => m.role === 'user');
  const parts: any[] = typeof user.content === 'string' ? [{ type: 'text', text: user.content }] : user.content;
  return {
    system: system?.content,
    temperature: body.temperature,
    topP: body.top_p,
    maxTokens: body.max_tokens,
    stopSequences: body.stop,
    userText: parts.filter((p) => p.type === 'text').map((p) => p.text).join(''),
    images: parts.filter((p) => p.type === 'image_url').map((p) => String(p.image_url.url).replace(/^data:image\/png;base64,/, '')),
  };
}

const make = (fake: FakeUpstream, extra: { timeoutMs?: number } = {}) =>
  createOpenAICompatibleProvider({ name: 'local-vllm', baseUrl: `${fake.url}/v1`, embeddingModel: 'bge-small', ...extra });

providerContract({
  label: 'OpenAI-compatible',
  dialect: 'openai',
  model: 'qwen2.5:7b',
  make,
  inspect,
  stopSequenceMapsTo: 'end_turn',
  streamThrottleType: 'rate_limit_error',
});

describe('OpenAI-compatible provider specifics', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const ask = { model: 'qwen2.5:7b', messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 10 };

  it('asks for the usage chunk on streams and reads it', async () => {
    fake.script({ reply: 'x y', usage: { inputTokens: 5, outputTokens: 2 } });
    const { events } = await collect(make(fake).stream(ask));
    expect(fake.requests[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(events.at(-1)).toEqual({ type: 'done', usage: { inputTokens: 5, outputTokens: 2 }, stopReason: 'end_turn', model: 'qwen2.5:7b' });
  });

  it('sends a placeholder key when none is configured (local servers ignore it)', async () => {
    await make(fake).complete(ask);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer not-needed');
  });

  it('reports the model the server says answered', async () => {
    fake.script({ model: 'qwen2.5:7b-instruct-q4_K_M', times: 1 });
    expect((await make(fake).complete(ask)).model).toBe('qwen2.5:7b-instruct-q4_K_M');
  });

  it('embeds a batch in input order, asking for floats', async () => {
    const provider = make(fake);
    const vectors = await provider.embed!(['first text', 'second text', 'first text']);
    expect(fake.requests[0]!.body).toMatchObject({ model: 'bge-small', input: ['first text', 'second text', 'first text'], encoding_format: 'float' });
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(Math.hypot(...vectors[1]!)).toBeCloseTo(1, 5);
  });

  it('has no embed without an embedding model', () => {
    const provider = createOpenAICompatibleProvider({ name: 'x', baseUrl: `${fake.url}/v1` });
    expect(provider.embed).toBeUndefined();
    expect(provider.supportsImages).toBe(false);
  });

  it('embedding failures are normalised too', async () => {
    fake.script({ fault: { type: 'status', status: 503 }, times: 1 });
    const err = await failure(make(fake).embed!(['a']));
    expect(err).toMatchObject({ kind: 'server', retryable: true });
  });
});
