import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { offeredTools, toolResults, type RecordedRequest } from '../support/fake-upstream/index.ts';
import { ALL_KINDS, ANTHROPIC, CONVERSE, failureOf, INVOKE, OFFLINE, OPENAI, startMatrix, twoToolCallsThenQuote, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// The official `openai` client against Hashi on a real port, over every provider kind: chat with tools
// (a two-turn loop, JSON and streamed), JSON mode, JSON schema, and the fields only OpenAI-compatible servers carry.

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const timeTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_time', description: 'Local time in a time zone', parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } },
};
const question: ChatCompletionMessageParam = { role: 'user', content: 'What is the weather in Osaka?' };

/** First turn: call get_weather; once a tool result came back: answer with it. */
const weatherLoop = (req: RecordedRequest) => {
  const results = toolResults(req);
  return results.length > 0 ? { text: `It is ${results[0]!.content} in Osaka.` } : { toolCalls: [{ id: 'call_w1', name: 'get_weather', input: { city: 'Osaka' } }] };
};

/** How the second turn reached the provider: its tool result, read the provider's way. */
function sentToolResult(m: MatrixHarness) {
  return toolResults(m.h.fake.requests.at(-1)!);
}

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix();
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

describe.each(WIRE_KINDS)('openai client → $kind ($model): a two-turn tool loop', (k: Kind) => {
  it('calls the tool, takes its result and answers with it (JSON)', async () => {
    m.h.fake.script({ reply: weatherLoop, usage: { inputTokens: 30, outputTokens: 9 } });

    const first = await m.openai.chat.completions.create({ model: k.model, messages: [question], tools: [weatherTool] });
    const call = first.choices[0]!.message.tool_calls![0]!;
    const second = await m.openai.chat.completions.create({
      model: k.model,
      messages: [question, first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '18°C and sunny' }],
      tools: [weatherTool],
    });

    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(first.choices[0]!.message.tool_calls).toEqual([{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: expect.any(String) } }]);
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Osaka' });
    expect(first.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 9 });
    expect(second.choices[0]!.message.content).toBe('It is 18°C and sunny in Osaka.');
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(m.h.fake.requests.map((r) => r.api)).toEqual([k.api, k.api]);
    expect(offeredTools(m.h.fake.requests[0]!)).toEqual(['get_weather']);
    expect(sentToolResult(m)).toEqual([{ id: 'call_w1', content: '18°C and sunny' }]);
  });

  it('streams the tool call (id, name, arguments assembled by the SDK) and then the answer', async () => {
    m.h.fake.script({ reply: weatherLoop });

    const first = await m.openai.chat.completions.stream({ model: k.model, messages: [question], tools: [weatherTool] }).finalChatCompletion();
    const message = first.choices[0]!.message;
    const second = await m.openai.chat.completions
      .stream({ model: k.model, messages: [question, { role: 'assistant', content: null, tool_calls: message.tool_calls }, { role: 'tool', tool_call_id: 'call_w1', content: '18°C' }], tools: [weatherTool] })
      .finalChatCompletion();

    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(message.tool_calls).toHaveLength(1);
    expect(message.tool_calls![0]).toMatchObject({ id: 'call_w1', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse((message.tool_calls![0] as { function: { arguments: string } }).function.arguments)).toEqual({ city: 'Osaka' });
    expect(second.choices[0]!.message.content).toBe('It is 18°C in Osaka.');
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(m.h.fake.requests.map((r) => [r.api, r.stream])).toEqual([
      [k.streamApi, true],
      [k.streamApi, true],
    ]);
  });

  it('streams text then two tool calls: raw chunks number them 0 and 1, each opening with its id and name', async () => {
    m.h.fake.script({
      reply: 'Checking both.',
      toolCalls: [
        { id: 'call_a', name: 'get_weather', input: { city: 'Osaka' } },
        { id: 'call_b', name: 'get_time', input: { tz: 'Asia/Tokyo' } },
      ],
    });

    const stream = await m.openai.chat.completions.create({ model: k.model, messages: [question], tools: [weatherTool, timeTool], stream: true });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    const opening = deltas.filter((d) => d.id !== undefined);
    expect(opening.map((d) => [d.index, d.id, d.function?.name])).toEqual([
      [0, 'call_a', 'get_weather'],
      [1, 'call_b', 'get_time'],
    ]);
    const args = (i: number) => deltas.filter((d) => d.index === i).map((d) => d.function?.arguments ?? '').join('');
    expect([JSON.parse(args(0)), JSON.parse(args(1))]).toEqual([{ city: 'Osaka' }, { tz: 'Asia/Tokyo' }]);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Checking both.');
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]!.finish_reason).toBe('tool_calls');
  });
});

describe.each(WIRE_KINDS)('openai client → $kind ($model): parallel calls, forced choice, stops and caps', (k: Kind) => {
  it('two parallel tool calls, two tool messages back, one answer quoting both', async () => {
    m.h.fake.script({ reply: twoToolCallsThenQuote(['call_a', 'call_b']) });

    const first = await m.openai.chat.completions.create({ model: k.model, messages: [question], tools: [weatherTool, timeTool] });
    const calls = first.choices[0]!.message.tool_calls!;
    const second = await m.openai.chat.completions.create({
      model: k.model,
      tools: [weatherTool, timeTool],
      messages: [question, first.choices[0]!.message, { role: 'tool', tool_call_id: 'call_a', content: '18°C' }, { role: 'tool', tool_call_id: 'call_b', content: '09:00' }],
    });

    expect(calls.map((c) => c.id)).toEqual(['call_a', 'call_b']);
    expect(second.choices[0]!.message.content).toBe('call_a=18°C; call_b=09:00');
    const sent = m.h.fake.requests[1]!;
    if (k.kind !== 'openai') {
      // Both results in one user turn right after the assistant's calls, as Anthropic and Converse require.
      expect(sent.body.messages).toHaveLength(3);
      expect(sent.body.messages[2].role).toBe('user');
    }
  });

  it('a named tool_choice forces that tool in the provider’s own terms', async () => {
    m.h.fake.script({ toolCalls: [{ id: 'call_t', name: 'get_time', input: { tz: 'UTC' } }] });

    const answer = await m.openai.chat.completions.create({ model: k.model, messages: [question], tools: [weatherTool, timeTool], tool_choice: { type: 'function', function: { name: 'get_time' } } });

    expect(answer.choices[0]!.message.tool_calls![0]).toMatchObject({ id: 'call_t', function: { name: 'get_time' } });
    const body = m.h.fake.requests[0]!.body;
    if (k.kind === 'openai') expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'get_time' } });
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(body.tool_choice).toMatchObject({ type: 'tool', name: 'get_time' });
    if (k.kind === 'converse') expect(body.toolConfig.toolChoice).toEqual({ tool: { name: 'get_time' } });
  });

  it('stop sequences and max_completion_tokens reach the provider; a stop sequence ends as finish_reason stop', async () => {
    m.h.fake.script({ reply: 'Volume one', stopReason: 'stop_sequence' });

    const answer = await m.openai.chat.completions.create({ model: k.model, messages: [question], stop: ['END', '###'], max_completion_tokens: 77 });

    expect(answer.choices[0]!.finish_reason).toBe('stop');
    const body = m.h.fake.requests[0]!.body;
    if (k.kind === 'openai') expect(body).toMatchObject({ stop: ['END', '###'], max_completion_tokens: 77 });
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(body).toMatchObject({ stop_sequences: ['END', '###'], max_tokens: 77 });
    if (k.kind === 'converse') expect(body.inferenceConfig).toMatchObject({ stopSequences: ['END', '###'], maxTokens: 77 });
  });
});

describe('openai client → offline: it never invents a tool call, and quotes a tool result it is given', () => {
  it('answers a tools request in words, then quotes the tool result of a client-built turn (JSON and streamed)', async () => {
    const first = await m.openai.chat.completions.create({ model: OFFLINE.model, messages: [question], tools: [weatherTool] });
    const history: ChatCompletionMessageParam[] = [
      question,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_w1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Osaka"}' } }] },
      { role: 'tool', tool_call_id: 'call_w1', content: 'Osaka: 18°C and sunny' },
    ];
    const second = await m.openai.chat.completions.create({ model: OFFLINE.model, messages: history, tools: [weatherTool] });
    const streamed = await m.openai.chat.completions.stream({ model: OFFLINE.model, messages: history, tools: [weatherTool] }).finalChatCompletion();

    expect(first.choices[0]!.finish_reason).toBe('stop');
    expect(first.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(first.choices[0]!.message.content).toMatch(/tool/i);
    expect(second.choices[0]!.message.content).toContain('18°C and sunny');
    expect(second.choices[0]!.message.content).toContain('call_w1');
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(streamed.choices[0]!.message.content).toBe(second.choices[0]!.message.content);
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it('refuses a forced tool choice with a 400 naming the field and the model', async () => {
    const err = await failureOf(m.openai.chat.completions.create({ model: OFFLINE.model, messages: [question], tools: [weatherTool], tool_choice: 'required' }));

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toMatch(/tool_choice.*extractive/);
  });
});

/** What a JSON-mode answer looks like from each provider: a forced any-object tool where there is no schema-less JSON mode. */
const jsonReply = (req: RecordedRequest) =>
  offeredTools(req).includes('json_object_response') ? { toolCalls: [{ name: 'json_object_response', input: { city: 'Osaka', temp: 18 } }] } : '{"city":"Osaka","temp":18}';

describe.each(ALL_KINDS)('openai client → $kind ($model): JSON mode and JSON schema', (k: Kind) => {
  const ask: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Osaka as JSON.' }];

  it('JSON mode: the content is one JSON object and the answer stops naturally (JSON and streamed)', async () => {
    m.h.fake.script({ reply: jsonReply });

    const json = await m.openai.chat.completions.create({ model: k.model, messages: ask, response_format: { type: 'json_object' } });
    const streamed = await m.openai.chat.completions.stream({ model: k.model, messages: ask, response_format: { type: 'json_object' } }).finalChatCompletion();

    for (const answer of [json, streamed]) {
      const content = JSON.parse(answer.choices[0]!.message.content!);
      expect(typeof content === 'object' && content !== null && !Array.isArray(content)).toBe(true);
      if (k.kind === 'offline') expect(content).toMatchObject({ offline: true, answer: expect.any(String) });
      else expect(content).toEqual({ city: 'Osaka', temp: 18 });
      expect(answer.choices[0]!.finish_reason).toBe('stop');
      expect(answer.choices[0]!.message.tool_calls ?? []).toEqual([]);
    }
    if (k.kind === 'openai') expect(m.h.fake.requests.map((r) => r.body.response_format)).toEqual([{ type: 'json_object' }, { type: 'json_object' }]);
    if (k.kind === 'converse') expect(m.h.fake.requests[0]!.body.toolConfig.toolChoice).toEqual({ tool: { name: 'json_object_response' } });
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(m.h.fake.requests[0]!.body.tool_choice).toMatchObject({ type: 'tool', name: 'json_object_response' });
  });

  const schema = { type: 'object', properties: { city: { type: 'string' }, temp: { type: 'number' } }, required: ['city', 'temp'], additionalProperties: false };
  const jsonSchema = { type: 'json_schema' as const, json_schema: { name: 'weather', schema, strict: true } };

  it('JSON schema: sent natively in the provider’s own field (refused by the offline model)', async () => {
    m.h.fake.script({ reply: '{"city":"Osaka","temp":18}' });

    const call = m.openai.chat.completions.create({ model: k.model, messages: ask, response_format: jsonSchema });
    if (k.kind === 'offline') {
      const err = await failureOf(call);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.message).toMatch(/response_format.*extractive/);
      return;
    }
    const answer = await call;

    expect(JSON.parse(answer.choices[0]!.message.content!)).toEqual({ city: 'Osaka', temp: 18 });
    expect(answer.choices[0]!.finish_reason).toBe('stop');
    const body = m.h.fake.requests[0]!.body;
    if (k.kind === 'openai') expect(body.response_format).toEqual(jsonSchema);
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    if (k.kind === 'converse') {
      expect(body.outputConfig.textFormat).toMatchObject({ type: 'json_schema', structure: { jsonSchema: { name: 'weather' } } });
      expect(JSON.parse(body.outputConfig.textFormat.structure.jsonSchema.schema)).toEqual(schema);
    }
  });
});

describe('openai client: n and logprobs', () => {
  it('pass through to the OpenAI-compatible provider: two choices, each with logprobs', async () => {
    m.h.fake.script({ reply: (_req, choice) => `choice ${choice}` });

    const answer = await m.openai.chat.completions.create({ model: OPENAI.model, messages: [question], n: 2, logprobs: true, top_logprobs: 2 });

    expect(answer.choices.map((c) => [c.index, c.message.content])).toEqual([
      [0, 'choice 0'],
      [1, 'choice 1'],
    ]);
    expect(answer.choices[0]!.logprobs!.content![0]).toMatchObject({ logprob: -0.01, top_logprobs: [expect.anything(), expect.anything()] });
    expect(m.h.fake.requests[0]!.body).toMatchObject({ n: 2, logprobs: true, top_logprobs: 2 });
  });

  it('stream through to the OpenAI-compatible provider: two choices’ deltas and logprobs, by index', async () => {
    m.h.fake.script({ reply: (_req, choice) => `stream ${choice}` });

    const stream = await m.openai.chat.completions.create({ model: OPENAI.model, messages: [question], n: 2, logprobs: true, stream: true });
    const text = ['', ''];
    let withLogprobs = 0;
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        text[c.index] += c.delta.content ?? '';
        if (c.logprobs?.content?.length) withLogprobs += 1;
      }
    }

    expect(text).toEqual(['stream 0', 'stream 1']);
    expect(withLogprobs).toBeGreaterThanOrEqual(4);
  });

  it.each([CONVERSE, INVOKE, ANTHROPIC, OFFLINE])('are refused for $kind ($model): a 400 BadRequestError naming the field and the model', async (k) => {
    const n = await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [question], n: 2 }));
    const logprobs = await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [question], logprobs: true }));
    const streamed = await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [question], n: 3, stream: true }));

    for (const [err, field] of [
      [n, 'n'],
      [logprobs, 'logprobs'],
      [streamed, 'n'],
    ] as const) {
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err).toMatchObject({ status: 400, code: 'FM_FIELD_UNSUPPORTED', type: 'invalid_request_error', param: field });
      expect(err.message).toContain(`${field} is not supported by model ${k.model}`);
    }
    expect(m.h.fake.requests).toHaveLength(0);
  });
});
