import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toolResults, type RecordedRequest } from '../support/fake-upstream/index.ts';
import { ALL_KINDS, ANTHROPIC, CONVERSE, failureOf, INVOKE, OFFLINE, OPENAI, PNG, startMatrix, twoToolCallsThenQuote, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// The official `@anthropic-ai/sdk` against Hashi on a real port (baseURL = Hashi, apiKey = a Hashi key), over every
// provider kind: messages, streaming with its exact event sequence, a two-turn tool loop, count_tokens, system
// blocks and images, and the anthropic-beta header.

type Params = Anthropic.MessageCreateParamsNonStreaming;
const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const question: Anthropic.MessageParam = { role: 'user', content: 'What is the weather in Osaka?' };

const weatherLoop = (req: RecordedRequest) => {
  const results = toolResults(req);
  return results.length > 0 ? { text: `It is ${results[0]!.content} in Osaka.` } : { toolCalls: [{ id: 'toolu_w1', name: 'get_weather', input: { city: 'Osaka' } }] };
};

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix();
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

/** The event types the SDK yields (it skips `ping`), runs of deltas folded to one. */
const sequence = (types: string[]) => types.filter((t, i) => !(t === 'content_block_delta' && types[i - 1] === 'content_block_delta'));

describe.each(WIRE_KINDS)('anthropic client → $kind ($model): messages', (k: Kind) => {
  it('creates a message with system blocks and an image, reaching the provider in its own shape', async () => {
    m.h.fake.script({ reply: 'A single white pixel.', usage: { inputTokens: 40, outputTokens: 5 } });
    const params: Params = {
      model: k.model,
      max_tokens: 256,
      system: [
        { type: 'text', text: 'You describe images.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Be brief.' },
      ],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] }],
    };

    const { data: message, response } = await m.anthropic.messages.create(params).withResponse();

    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'A single white pixel.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 40, output_tokens: 5 },
    });
    // Pass-through hands back the provider's own id; translation names the message itself.
    expect(message.id).toMatch(k.passThrough === 'anthropic' ? /^fake_/ : /^msg_/);
    expect(response.headers.get('x-hashi-model')).toBe(k.model);
    const sent = m.h.fake.requests[0]!;
    expect(sent.api).toBe(k.api);
    if (k.kind === 'anthropic' || k.kind === 'invoke') {
      expect(sent.body.system).toEqual(params.system);
      expect(sent.body.messages).toEqual(params.messages);
    }
    if (k.kind === 'converse') {
      expect(sent.body.system).toEqual([{ text: 'You describe images.' }, { cachePoint: { type: 'default' } }, { text: 'Be brief.' }]);
      expect(sent.body.messages[0].content[1].image).toMatchObject({ format: 'png', source: { bytes: PNG } });
    }
    if (k.kind === 'openai') {
      const system = sent.body.messages.filter((x: { role: string }) => x.role === 'system').map((x: { content: unknown }) => JSON.stringify(x.content));
      expect(system.join(' ')).toContain('You describe images.');
      expect(system.join(' ')).toContain('Be brief.');
      expect(sent.body.messages.at(-1).content).toContainEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } });
    }
  });

  it('streams with the exact event sequence, and finalMessage() holds the whole answer and its usage', async () => {
    m.h.fake.script({ reply: 'one two three', usage: { inputTokens: 12, outputTokens: 3 } });

    const stream = m.anthropic.messages.stream({ model: k.model, max_tokens: 64, messages: [{ role: 'user', content: 'count' }] });
    const types: string[] = [];
    const text: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text.push(event.delta.text);
    }
    const final = await stream.finalMessage();

    expect(sequence(types)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(text.join('')).toBe('one two three');
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(final).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: 'one two three' }], stop_reason: 'end_turn', usage: { input_tokens: 12, output_tokens: 3 } });
    expect(m.h.fake.requests.map((r) => [r.api, r.stream])).toEqual([[k.streamApi, true]]);
  });

  it('runs a two-turn tool loop with tool_use / tool_result (JSON)', async () => {
    m.h.fake.script({ reply: weatherLoop });

    const first = await m.anthropic.messages.create({ model: k.model, max_tokens: 256, messages: [question], tools: [weatherTool] });
    const second = await m.anthropic.messages.create({
      model: k.model,
      max_tokens: 256,
      tools: [weatherTool],
      messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_w1', content: '18°C and sunny' }] }],
    });

    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([{ type: 'tool_use', id: 'toolu_w1', name: 'get_weather', input: { city: 'Osaka' } }]);
    expect(second.content).toEqual([{ type: 'text', text: 'It is 18°C and sunny in Osaka.' }]);
    expect(second.stop_reason).toBe('end_turn');
    expect(toolResults(m.h.fake.requests[1]!)).toEqual([{ id: 'toolu_w1', content: '18°C and sunny' }]);
  });

  it('runs the tool loop streamed: the tool_use input assembled from input_json_delta', async () => {
    m.h.fake.script({ reply: weatherLoop });

    const firstStream = m.anthropic.messages.stream({ model: k.model, max_tokens: 256, messages: [question], tools: [weatherTool] });
    const partials: string[] = [];
    firstStream.on('inputJson', (partial) => partials.push(partial));
    const first = await firstStream.finalMessage();
    const second = await m.anthropic.messages
      .stream({
        model: k.model,
        max_tokens: 256,
        tools: [weatherTool],
        messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_w1', content: [{ type: 'text', text: '18°C' }] }] }],
      })
      .finalMessage();

    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([{ type: 'tool_use', id: 'toolu_w1', name: 'get_weather', input: { city: 'Osaka' } }]);
    expect(partials.join('')).toBe('{"city":"Osaka"}');
    expect(second.content).toEqual([{ type: 'text', text: 'It is 18°C in Osaka.' }]);
    expect(second.stop_reason).toBe('end_turn');
  });
});

describe.each(WIRE_KINDS)('anthropic client → $kind ($model): parallel tool_use, an error result, tool_choice any', (k: Kind) => {
  const timeTool: Anthropic.Tool = { name: 'get_time', input_schema: { type: 'object', properties: { tz: { type: 'string' } } } };

  it('two tool_use blocks answered in one user turn, one of them is_error; the provider sees the failure its own way', async () => {
    m.h.fake.script({ reply: twoToolCallsThenQuote(['toolu_a', 'toolu_b']) });

    const first = await m.anthropic.messages.create({ model: k.model, max_tokens: 256, tools: [weatherTool, timeTool], messages: [question] });
    const second = await m.anthropic.messages.create({
      model: k.model,
      max_tokens: 256,
      tools: [weatherTool, timeTool],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_a', content: '18°C' },
            { type: 'tool_result', tool_use_id: 'toolu_b', content: 'clock unavailable', is_error: true },
            { type: 'text', text: 'And now?' },
          ],
        },
      ],
    });

    expect(first.content.map((b) => (b.type === 'tool_use' ? b.id : b.type))).toEqual(['toolu_a', 'toolu_b']);
    expect(second.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('toolu_a=18°C') });
    const sent = m.h.fake.requests[1]!;
    if (k.kind === 'openai') {
      expect(sent.body.messages.filter((x: { role: string }) => x.role === 'tool')).toEqual([
        { role: 'tool', tool_call_id: 'toolu_a', content: '18°C' },
        { role: 'tool', tool_call_id: 'toolu_b', content: 'Error: clock unavailable' },
      ]);
      expect(sent.body.messages.at(-1)).toMatchObject({ role: 'user' });
    }
    if (k.kind === 'converse') {
      const results = sent.body.messages[2].content.filter((b: { toolResult?: unknown }) => b.toolResult).map((b: { toolResult: unknown }) => b.toolResult);
      expect(results).toEqual([
        { toolUseId: 'toolu_a', content: [{ text: '18°C' }] },
        { toolUseId: 'toolu_b', content: [{ text: 'clock unavailable' }], status: 'error' },
      ]);
    }
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(sent.body.messages[2].content[1]).toMatchObject({ tool_use_id: 'toolu_b', is_error: true });
  });

  it('tool_choice any is the provider’s “must call a tool”', async () => {
    m.h.fake.script({ toolCalls: [{ id: 'toolu_x', name: 'get_weather', input: { city: 'Kyoto' } }] });

    const message = await m.anthropic.messages.create({ model: k.model, max_tokens: 64, tools: [weatherTool], tool_choice: { type: 'any' }, messages: [question] });

    expect(message.stop_reason).toBe('tool_use');
    const body = m.h.fake.requests[0]!.body;
    if (k.kind === 'openai') expect(body.tool_choice).toBe('required');
    if (k.kind === 'converse') expect(body.toolConfig.toolChoice).toEqual({ any: {} });
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(body.tool_choice).toEqual({ type: 'any' });
  });
});

describe('anthropic client → offline', () => {
  it('answers (JSON and streamed, same text), never calls a tool, and quotes a tool result it is given', async () => {
    const params: Params = { model: OFFLINE.model, max_tokens: 256, system: [{ type: 'text', text: 'Be brief.' }], messages: [question], tools: [weatherTool] };
    const first = await m.anthropic.messages.create(params);
    const streamed = await m.anthropic.messages.stream(params).finalMessage();
    const loop = await m.anthropic.messages.create({
      ...params,
      messages: [
        question,
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_w1', name: 'get_weather', input: { city: 'Osaka' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_w1', content: 'Osaka: 18°C and sunny' }] },
      ],
    });

    expect(first.stop_reason).toBe('end_turn');
    expect(first.content.every((b) => b.type === 'text')).toBe(true);
    expect(streamed.content).toEqual(first.content);
    expect(loop.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('18°C and sunny') });
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it('says it cannot see an image instead of failing', async () => {
    const message = await m.anthropic.messages.create({
      model: OFFLINE.model,
      max_tokens: 64,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }, { type: 'text', text: 'What is this?' }] }],
    });

    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/image/i) });
  });
});

describe('anthropic client: count_tokens with the routed model’s own counter', () => {
  const body = { messages: [question], system: 'Be brief.', tools: [weatherTool] };

  it.each([ANTHROPIC, INVOKE, CONVERSE])('$kind forwards to the provider’s counter', async (k) => {
    m.h.fake.script({ usage: { inputTokens: 42 } });

    const { data, response } = await m.anthropic.messages.countTokens({ model: k.model, ...body }).withResponse();

    expect(data).toEqual({ input_tokens: 42 });
    expect(response.headers.get('x-hashi-estimated')).toBe('false');
    const sent = m.h.fake.requests[0]!;
    if (k.kind === 'anthropic') expect(sent).toMatchObject({ api: 'anthropic.count-tokens', body: { model: 'claude-haiku-4-5', system: 'Be brief.', tools: [weatherTool] } });
    if (k.kind === 'invoke') {
      expect(sent).toMatchObject({ api: 'bedrock.count-tokens', modelId: INVOKE.providerModel });
      const invoked = JSON.parse(Buffer.from(sent.body.input.invokeModel.body, 'base64').toString('utf8'));
      expect(invoked).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', system: 'Be brief.', messages: [question] });
      expect(invoked.model).toBeUndefined();
    }
    if (k.kind === 'converse') {
      expect(sent).toMatchObject({ api: 'bedrock.count-tokens', modelId: CONVERSE.providerModel });
      expect(sent.body.input.converse).toMatchObject({ system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: 'What is the weather in Osaka?' }] }] });
      expect(sent.body.input.converse.toolConfig.tools[0].toolSpec.name).toBe('get_weather');
    }
  });

  it('is an estimate for an OpenAI-compatible model, and says so', async () => {
    const { data, response } = await m.anthropic.messages.countTokens({ model: OPENAI.model, ...body }).withResponse();

    expect(data.input_tokens).toBeGreaterThan(10);
    expect(response.headers.get('x-hashi-estimated')).toBe('true');
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it('is counted by the offline model itself', async () => {
    const short = await m.anthropic.messages.countTokens({ model: OFFLINE.model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const long = await m.anthropic.messages.countTokens({ model: OFFLINE.model, ...body }).withResponse();

    expect(short.response.headers.get('x-hashi-estimated')).toBe('false');
    expect(long.data.input_tokens).toBeGreaterThan(short.data.input_tokens);
    expect(short.data.input_tokens).toBeGreaterThan(0);
    expect(m.h.fake.requests).toHaveLength(0);
  });
});

describe('anthropic client: count_tokens when the provider’s counter refuses', () => {
  it('Anthropic: its 400 of the caller’s own body comes back verbatim', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 400, errorType: 'invalid_request_error', message: 'tools.0.input_schema: Field required' }, times: 1 });

    const err = await failureOf(m.anthropic.messages.countTokens({ model: ANTHROPIC.model, messages: [question] }));

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'tools.0.input_schema: Field required' } });
  });

  it('InvokeModel: Bedrock’s 400 reaches the client in Anthropic’s shape, its message kept', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 400, message: 'Malformed input request: #/messages: bad' }, times: 1 });

    const err = await failureOf(m.anthropic.messages.countTokens({ model: INVOKE.model, messages: [question] }));

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('Malformed input request: #/messages: bad') } });
  });

  it.each([ANTHROPIC, INVOKE, CONVERSE])('$kind: an outage is a 5xx and our credentials failing is not the caller’s 401', async (k) => {
    m.h.fake.script({ fault: { type: 'status', status: 503 }, times: 1 });
    const down = await failureOf(m.anthropic.messages.countTokens({ model: k.model, messages: [question] }));
    m.h.fake.script({ fault: { type: 'status', status: k.kind === 'anthropic' ? 401 : 403 }, times: 1 });
    const auth = await failureOf(m.anthropic.messages.countTokens({ model: k.model, messages: [question] }));

    expect(down.status).toBeGreaterThanOrEqual(500);
    expect(auth.status).toBeGreaterThanOrEqual(500);
    expect(auth.error).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
  });
});

describe('anthropic client: the anthropic-beta header', () => {
  const betas = 'token-efficient-tools-2025-02-19,interleaved-thinking-2025-05-14';

  it('is forwarded to Anthropic as the header, JSON and streamed', async () => {
    await m.anthropic.messages.create({ model: ANTHROPIC.model, max_tokens: 16, messages: [question] }, { headers: { 'anthropic-beta': betas } });
    await m.anthropic.messages.stream({ model: ANTHROPIC.model, max_tokens: 16, messages: [question] }, { headers: { 'anthropic-beta': betas } }).finalMessage();

    expect(m.h.fake.requests.map((r) => r.headers['anthropic-beta'])).toEqual([betas, betas]);
  });

  it('reaches the provider’s token counter too (Anthropic header, InvokeModel body)', async () => {
    await m.anthropic.messages.countTokens({ model: ANTHROPIC.model, messages: [question] }, { headers: { 'anthropic-beta': betas } });
    await m.anthropic.messages.countTokens({ model: INVOKE.model, messages: [question] }, { headers: { 'anthropic-beta': betas } });

    const [anthropic, invoke] = m.h.fake.requests;
    expect(anthropic!.headers['anthropic-beta']).toBe(betas);
    expect(JSON.parse(Buffer.from(invoke!.body.input.invokeModel.body, 'base64').toString('utf8')).anthropic_beta).toEqual(betas.split(','));
  });

  it('travels as anthropic_beta in the InvokeModel body, JSON and streamed', async () => {
    await m.anthropic.beta.messages.create({ model: INVOKE.model, max_tokens: 16, messages: [question], betas: betas.split(',') });
    await m.anthropic.messages.stream({ model: INVOKE.model, max_tokens: 16, messages: [question] }, { headers: { 'anthropic-beta': betas } }).finalMessage();

    expect(m.h.fake.requests.map((r) => [r.api, r.body.anthropic_beta, r.headers['anthropic-beta']])).toEqual([
      ['bedrock.invoke', betas.split(','), undefined],
      ['bedrock.invoke-stream', betas.split(','), undefined],
    ]);
  });
});

describe('anthropic client: models', () => {
  it('models.list() and models.retrieve() read Anthropic’s model objects: every alias the key may name', async () => {
    const models: Anthropic.ModelInfo[] = [];
    for await (const model of m.anthropic.models.list()) models.push(model);
    const one = await m.anthropic.models.retrieve(ANTHROPIC.model);
    const missing = await m.anthropic.models.retrieve('gpt-9').catch((e: unknown) => e);

    expect(models.map((x) => x.id)).toEqual(expect.arrayContaining([...ALL_KINDS.map((k) => k.model), 'auto']));
    for (const model of [...models, one]) {
      expect(model).toMatchObject({ type: 'model', id: expect.any(String), display_name: expect.any(String) });
      expect(Number.isNaN(Date.parse(model.created_at))).toBe(false);
    }
    expect(one.id).toBe(ANTHROPIC.model);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
  });
});

describe.each(ALL_KINDS)('anthropic client → $kind ($model): errors in Anthropic’s shape', (k: Kind) => {
  it('an unknown model is a 400 BadRequestError of type invalid_request_error', async () => {
    const err = await m.anthropic.messages.create({ model: `${k.model}-nope`, max_tokens: 16, messages: [question] }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
