import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, HAIKU_ID, type GatewayHarness } from './harness.ts';
import { parseSse } from './sse.ts';

// One end-to-end path per provider type: HTTP route → gateway → the provider's official SDK → fake upstream.
const PROVIDERS = [
  { model: 'haiku', provider: 'bedrock', api: 'bedrock.converse', streamApi: 'bedrock.converse-stream', providerModel: HAIKU_ID },
  { model: 'haiku-invoke', provider: 'bedrock-native', api: 'bedrock.invoke', streamApi: 'bedrock.invoke-stream', providerModel: HAIKU_ID },
  { model: 'claude', provider: 'anthropic', api: 'anthropic.messages', streamApi: 'anthropic.messages', providerModel: 'claude-haiku-4-5' },
  { model: 'llama', provider: 'local', api: 'openai.chat', streamApi: 'openai.chat', providerModel: 'llama3.2:3b' },
] as const;

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('providers end to end through the HTTP routes', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(() => h.close());
  beforeEach(() => h.fake.reset());

  it.each(PROVIDERS)('POST /v1/chat reaches $provider through $api and reports its usage and cost', async (p) => {
    h.fake.script({ reply: 'Volume 105 ships tomorrow.', usage: { inputTokens: 1000, outputTokens: 400 } });

    const res = await h.chat({ message: 'When does volume 105 ship?', model: p.model });

    expect(res.statusCode).toBe(200);
    const priced = p.model !== 'llama';
    const prices: Record<string, [number, number]> = { haiku: [0.25, 1.25], 'haiku-invoke': [0.25, 1.25], claude: [1, 5] };
    const [inP, outP] = prices[p.model] ?? [0, 0];
    expect(res.json()).toMatchObject({
      text: 'Volume 105 ships tomorrow.',
      model: p.model,
      provider: p.provider,
      provider_model: p.providerModel,
      usage: { input_tokens: 1000, output_tokens: 400 },
      stop_reason: 'end_turn',
      cached: false,
    });
    if (priced) expect(res.json().cost_usd).toBeCloseTo((1000 * inP + 400 * outP) / 1e6, 12);
    else expect(res.json().cost_usd).toBeNull();
    expect(h.fake.requests.map((r) => [r.api, r.modelId])).toEqual([[p.api, p.providerModel]]);
  });

  it.each(PROVIDERS)('SSE from $provider carries each token as a chunk and usage in the final event', async (p) => {
    h.fake.script({ reply: 'one two three four', usage: { inputTokens: 12, outputTokens: 4 } });

    const res = await h.chat({ message: 'count', model: p.model }, { headers: { accept: 'text/event-stream' } });

    const events = parseSse(res.body);
    expect(events[0]).toMatchObject({ event: 'start', data: { provider: p.provider, model: p.model } });
    expect(events.filter((e) => e.event === 'chunk').map((e) => e.data.text).join('')).toBe('one two three four');
    expect(events.filter((e) => e.event === 'chunk').length).toBeGreaterThanOrEqual(4);
    expect(events.at(-1)).toMatchObject({ event: 'complete', data: { usage: { input_tokens: 12, output_tokens: 4 }, stop_reason: 'end_turn' } });
    expect(h.fake.requests.map((r) => [r.api, r.stream])).toEqual([[p.streamApi, true]]);
  });

  it('maps the simple {message, system, session_id} request into each provider’s own payload, history first', async () => {
    h.fake.script({ reply: (req) => `answer to ${req.api}` });
    const turn = (model: string, message: string) => h.chat({ message, system: 'You are a manga shop assistant.', session_id: `map-${model}`, model });

    for (const p of PROVIDERS) {
      await turn(p.model, 'first');
      await turn(p.model, 'second');
    }

    const second = (api: string) => h.fake.requests.filter((r) => r.api === api)[1]!.body;
    expect(second('bedrock.converse')).toMatchObject({
      system: [{ text: 'You are a manga shop assistant.' }],
      messages: [
        { role: 'user', content: [{ text: 'first' }] },
        { role: 'assistant', content: [{ text: 'answer to bedrock.converse' }] },
        { role: 'user', content: [{ text: 'second' }] },
      ],
    });
    expect(second('bedrock.invoke')).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', system: 'You are a manga shop assistant.', messages: [{ role: 'user' }, { role: 'assistant' }, { role: 'user' }] });
    expect(second('anthropic.messages')).toMatchObject({ model: 'claude-haiku-4-5', system: 'You are a manga shop assistant.', messages: [{ role: 'user' }, { role: 'assistant' }, { role: 'user' }] });
    expect(second('openai.chat').messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });

  it('passes an image to a provider that accepts images, and refuses a route where none does', async () => {
    const withImage = await h.chat({ message: 'What is on this cover?', model: 'haiku', images: [{ media_type: 'image/png', data: PNG }] });
    const textOnly = await h.chat({ message: 'What is on this cover?', model: 'llama', images: [{ media_type: 'image/png', data: PNG }] });

    expect(withImage.statusCode).toBe(200);
    const content = h.fake.requests[0]!.body.messages[0].content;
    expect(content[0]).toEqual({ text: 'What is on this cover?' });
    expect(content[1].image.format).toBe('png');
    expect(textOnly.statusCode).toBe(400);
    expect(textOnly.json().error.code).toBe('FM_IMAGES_UNSUPPORTED');
    expect(h.fake.requests).toHaveLength(1);
  });

  it('passes max_tokens, temperature, top_p and stop sequences through, and reports a max_tokens stop', async () => {
    h.fake.script({ reply: 'a b c d e f g h' });

    const res = await h.chat({ message: 'x', model: 'claude', max_tokens: 3, temperature: 0.2, top_p: 0.9, stop: ['END'] });

    expect(h.fake.requests[0]!.body).toMatchObject({ max_tokens: 3, temperature: 0.2, top_p: 0.9, stop_sequences: ['END'] });
    expect(res.json()).toMatchObject({ text: 'a b c', stop_reason: 'max_tokens' });
  });
});
