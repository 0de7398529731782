import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type GatewayHarness } from './harness.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

// The official `openai` client, unchanged, pointed at Hashi with a Hashi API key.
describe('the openai npm client against Hashi', () => {
  let h: GatewayHarness;
  let client: OpenAI;
  let url: string;
  beforeAll(async () => {
    h = await startGateway({ fm: { budgets: { keys: {} } } });
    url = await h.app.listen({ host: '127.0.0.1', port: 0 });
    client = new OpenAI({ baseURL: `${url}/v1`, apiKey: h.key, maxRetries: 0 });
  });
  afterAll(() => h.close());
  beforeEach(() => h.fake.reset());

  it('creates a chat completion (system messages become the system prompt)', async () => {
    h.fake.script({ reply: 'Pluto, by Naoki Urasawa.', usage: { inputTokens: 20, outputTokens: 6 } });

    const { data, response } = await client.chat.completions
      .create({ model: 'claude', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Recommend one manga.' }] })
      .withResponse();

    // The model the provider reports (as OpenAI reports a dated model for an alias); the alias is in x-hashi-model.
    expect(response.headers.get('x-hashi-model')).toBe('claude');
    expect(data).toMatchObject({
      object: 'chat.completion',
      model: 'claude-haiku-4-5',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Pluto, by Naoki Urasawa.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 20, completion_tokens: 6, total_tokens: 26 },
    });
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(response.headers.get('x-hashi-overhead-ms')).toMatch(/^\d+(\.\d+)?$/);
    expect(h.fake.requests[0]!.body).toMatchObject({ system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'Recommend one manga.' }] }] });
  });

  it('streams a completion, with usage in the final chunk when asked', async () => {
    h.fake.script({ reply: 'one two three', usage: { inputTokens: 5, outputTokens: 3 } });

    const stream = await client.chat.completions.create({ model: 'llama', messages: [{ role: 'user', content: 'count' }], stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } });
    expect(h.fake.requests[0]).toMatchObject({ api: 'openai.chat', modelId: 'llama3.2:3b', stream: true });
  });

  it('streams without a usage chunk when not asked', async () => {
    const stream = await client.chat.completions.create({ model: 'haiku', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
  });

  it('lists the catalog aliases (and auto) as models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    const one = await client.models.retrieve('sonnet');

    expect(models).toEqual(['haiku', 'sonnet', 'haiku-invoke', 'claude', 'llama', 'auto']);
    expect(one).toMatchObject({ id: 'sonnet', object: 'model', owned_by: 'bedrock' });
  });

  it('passes data-URL images through to a provider that accepts them', async () => {
    await client.chat.completions.create({
      model: 'haiku',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }],
    });

    expect(h.fake.requests[0]!.body.messages[0].content[1].image.format).toBe('png');
  });

  it('raises the client’s typed errors: 401, 400 unknown model, 503 upstream down', async () => {
    const stranger = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'hsk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', maxRetries: 0 });
    h.fake.script({ fault: { type: 'status', status: 500 }, times: 1 });

    const auth = await stranger.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    const unknown = await client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    const down = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'down?' }] }).catch((e: unknown) => e);

    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(auth).toMatchObject({ status: 401, code: 'AUTH_INVALID', type: 'authentication_error' });
    expect(unknown).toBeInstanceOf(OpenAI.BadRequestError);
    expect(unknown).toMatchObject({ status: 400, code: 'FM_UNKNOWN_MODEL', type: 'invalid_request_error' });
    expect(down).toBeInstanceOf(OpenAI.InternalServerError);
    expect(down).toMatchObject({ status: 503, code: 'FM_UNAVAILABLE' });
  });

  it('throws from the stream iterator when the upstream stream breaks after it started', async () => {
    h.fake.script({ reply: 'one two three four', fault: { type: 'reset', afterDeltas: 2 }, times: 1 });

    const stream = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'count' }], stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);

    expect(seen.join('')).toBe('one two');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as { code?: string }).code).toMatch(/^FM_/);
  });

  it('aborts the upstream call when the client aborts its stream', async () => {
    h.fake.script({ reply: 'a b c d e f', fault: { type: 'hang', afterDeltas: 2 }, times: 1 });

    const stream = await client.chat.completions.create({ model: 'llama', messages: [{ role: 'user', content: 'hang' }], stream: true });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) break;
    }

    await vi.waitFor(() => expect(h.fake.inFlight).toBe(0), { timeout: 5_000 });
  });
});

describe('the openai client against a budgeted key', () => {
  it('gets a 429 RateLimitError of type insufficient_quota naming the budget', async () => {
    const h = await startGateway({ fm: { budgets: { key: { dailyUsd: 0.0000001 } } } });
    try {
      const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
      const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: h.key, maxRetries: 0 });

      const err = await client.chat.completions.create({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect(err).toMatchObject({ status: 429, code: 'FM_BUDGET_EXCEEDED', type: 'insufficient_quota' });
      expect((err as Error).message).toMatch(/key daily/);
      expect((err as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBeTruthy();
    } finally {
      await h.close();
    }
  });
});
