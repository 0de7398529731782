import Anthropic from '@anthropic-ai/sdk';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toolResults, type RecordedRequest } from '../support/fake-upstream/index.ts';
import { OFFLINE, startMatrix, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// The official clients' own higher-level helpers against Hashi, over every upstream kind: the openai SDK's
// runTools() (it runs the tool loop itself, JSON and streamed) and parse() with a JSON schema, and the Anthropic
// SDK's beta toolRunner() and messages.parse() with an output format. They only work if every turn of the loop
// round-trips exactly (ids, arguments, results, stop reasons). The Anthropic tool runner threads its turns (the
// `thread` field: the server keeps the history); a model reached by translation cannot, and says so the way the
// Anthropic API does (`thread_unsupported_request`), so the runner sends the full history instead.

/** Calls get_weather until a result comes back, then answers with it. */
const loop = (req: RecordedRequest) => {
  const results = toolResults(req);
  return results.length > 0 ? { text: `Forecast: ${results.map((r) => r.content).join(' / ')}` } : { toolCalls: [{ name: 'get_weather', input: { city: 'Osaka' } }] };
};

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix({ fm: { cache: { enabled: false } } });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

describe.each(WIRE_KINDS)('official client helpers → $kind ($model)', (k: Kind) => {
  const calledWith: unknown[] = [];
  const getWeather = async (args: { city: string }) => {
    calledWith.push(args);
    return `${args.city}: 18°C`;
  };

  it('openai runTools(): the SDK calls the tool and finishes the loop (JSON and streamed)', async () => {
    m.h.fake.script({ reply: loop });
    calledWith.length = 0;
    const params = {
      model: k.model,
      messages: [{ role: 'user' as const, content: 'Weather in Osaka?' }],
      tools: [{ type: 'function' as const, function: { name: 'get_weather', description: 'Current weather in a city', function: getWeather, parse: JSON.parse, parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    };

    const json = await m.openai.chat.completions.runTools(params).finalContent();
    const streamed = await m.openai.chat.completions.runTools({ ...params, stream: true }).finalContent();

    expect([json, streamed]).toEqual(['Forecast: Osaka: 18°C', 'Forecast: Osaka: 18°C']);
    expect(calledWith).toEqual([{ city: 'Osaka' }, { city: 'Osaka' }]);
    expect(m.h.fake.requests).toHaveLength(4);
  });

  it('openai parse() with a JSON schema: parsed content', async () => {
    m.h.fake.script({ reply: '{"title":"Monster","volumes":18}' });

    const answer = await m.openai.chat.completions.parse({
      model: k.model,
      messages: [{ role: 'user', content: 'One manga as JSON.' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'manga', strict: true, schema: { type: 'object', properties: { title: { type: 'string' }, volumes: { type: 'integer' } }, required: ['title', 'volumes'], additionalProperties: false } },
      },
    });

    expect(answer.choices[0]!.message.parsed).toEqual({ title: 'Monster', volumes: 18 });
  });

  it('anthropic beta toolRunner(): the SDK calls the tool and finishes the loop (JSON and streamed)', async () => {
    m.h.fake.script({ reply: loop });
    calledWith.length = 0;
    const tool = betaTool({
      name: 'get_weather',
      description: 'Current weather in a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      run: getWeather,
    });
    const params = { model: k.model, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Weather in Osaka?' }], tools: [tool] };

    const json = await m.anthropic.beta.messages.toolRunner(params);
    const streamed = await m.anthropic.beta.messages.toolRunner({ ...params, stream: true }).runUntilDone();

    for (const final of [json, streamed]) {
      expect(final.stop_reason).toBe('end_turn');
      expect(final.content).toEqual([expect.objectContaining({ type: 'text', text: 'Forecast: Osaka: 18°C' })]);
    }
    expect(calledWith).toEqual([{ city: 'Osaka' }, { city: 'Osaka' }]);
    expect(m.h.fake.requests).toHaveLength(4);
  });

  it('a threaded turn: passed through as it is, or refused as thread_unsupported_request naming the model', async () => {
    m.h.fake.script({ reply: 'threaded' });
    const body = { model: k.model, max_tokens: 32, messages: [{ role: 'user' as const, content: 'Hi' }], thread: { type: 'create' } };

    const result = await m.anthropic.beta.messages.create(body as never, { headers: { 'anthropic-beta': 'message-threads-2026-08-12' } }).catch((e: unknown) => e);

    if (k.passThrough === 'anthropic') {
      expect(m.h.fake.requests[0]!.body.thread).toEqual({ type: 'create' });
      return;
    }
    expect(result).toBeInstanceOf(Anthropic.BadRequestError);
    expect((result as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining(`thread is not supported by model ${k.model}`), details: { error_code: 'thread_unsupported_request' } },
    });
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it('anthropic messages.parse() with a JSON schema output format: parsed_output', async () => {
    m.h.fake.script({ reply: '{"title":"Monster","volumes":18}' });

    const message = await m.anthropic.messages.parse({
      model: k.model,
      max_tokens: 128,
      messages: [{ role: 'user', content: 'One manga as JSON.' }],
      output_config: { format: jsonSchemaOutputFormat({ type: 'object', properties: { title: { type: 'string' }, volumes: { type: 'integer' } }, required: ['title', 'volumes'], additionalProperties: false }) },
    });

    expect(message.parsed_output).toEqual({ title: 'Monster', volumes: 18 });
    const body = m.h.fake.requests[0]!.body;
    if (k.kind === 'converse') expect(body.outputConfig.textFormat.type).toBe('json_schema');
    else if (k.kind === 'openai') expect(body.response_format.type).toBe('json_schema');
    else expect(body.output_config.format.type).toBe('json_schema');
  });
});

describe('official client helpers → offline', () => {
  it('the Anthropic tool runner and openai runTools() end at once: the offline model answers in words, never calling a tool', async () => {
    let called = 0;
    const run = async () => {
      called += 1;
      return 'never';
    };
    const tool = betaTool({ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } }, run });

    const anthropicFinal = await m.anthropic.beta.messages.toolRunner({ model: OFFLINE.model, max_tokens: 128, messages: [{ role: 'user', content: 'Weather in Osaka?' }], tools: [tool] });
    const openaiFinal = await m.openai.chat.completions
      .runTools({
        model: OFFLINE.model,
        messages: [{ role: 'user', content: 'Weather in Osaka?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', function: run, parse: JSON.parse, parameters: { type: 'object', properties: {} } } }],
      })
      .finalContent();

    expect(anthropicFinal.stop_reason).toBe('end_turn');
    expect(anthropicFinal.content[0]).toMatchObject({ type: 'text' });
    expect(openaiFinal).toMatch(/tool/i);
    expect(called).toBe(0);
  });
});
