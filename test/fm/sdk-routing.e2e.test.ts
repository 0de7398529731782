import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANTHROPIC, CONVERSE, OPENAI, startMatrix, type MatrixHarness } from './sdk-matrix.ts';

// Routing on the wire dialects through the official clients: each attempt is pass-through or translation on
// its own, so a fallback can cross from one to the other and the client still gets its own dialect; retries
// before the first byte; `auto` classifies the latest user turn of either dialect's body.

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix({
    fm: {
      routing: { fallbacks: { llama: ['claude'], claude: ['haiku'] } },
      resilience: { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 2 } },
      cache: { enabled: false },
    },
  });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

describe('a fallback that crosses from pass-through to translation', () => {
  it('openai client: llama (OpenAI-compatible, pass-through) down → claude (Anthropic, translated), JSON and streamed', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 503 }, dialect: 'openai', times: 2 });
    m.h.fake.script({ reply: 'From the fallback.', usage: { inputTokens: 9, outputTokens: 3 } });

    const { data, response } = await m.openai.chat.completions.create({ model: OPENAI.model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    const streamed = await m.openai.chat.completions.stream({ model: OPENAI.model, messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();

    expect(response.headers.get('x-hashi-provider')).toBe('anthropic');
    expect(data).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'From the fallback.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 9, completion_tokens: 3 } });
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(streamed.choices[0]!.message.content).toBe('From the fallback.');
    expect(m.h.fake.requests.map((r) => r.api)).toEqual(['openai.chat', 'anthropic.messages', 'openai.chat', 'anthropic.messages']);
  });

  it('anthropic client: claude (pass-through) down → haiku (Converse, translated), JSON and streamed with tools', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 529 }, dialect: 'anthropic', times: 2 });
    m.h.fake.script({ toolCalls: [{ id: 'tooluse_1', name: 'get_weather', input: { city: 'Osaka' } }] });
    const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }];

    const { data, response } = await m.anthropic.messages.create({ model: ANTHROPIC.model, max_tokens: 64, tools, messages: [{ role: 'user', content: 'weather?' }] }).withResponse();
    const streamed = await m.anthropic.messages.stream({ model: ANTHROPIC.model, max_tokens: 64, tools, messages: [{ role: 'user', content: 'weather?' }] }).finalMessage();

    expect(response.headers.get('x-hashi-provider')).toBe(CONVERSE.provider);
    for (const message of [data, streamed]) {
      expect(message).toMatchObject({ type: 'message', stop_reason: 'tool_use', content: [{ type: 'tool_use', id: 'tooluse_1', name: 'get_weather', input: { city: 'Osaka' } }] });
      expect(message.id).toMatch(/^msg_/);
    }
    expect(m.h.fake.requests.map((r) => r.api)).toEqual(['anthropic.messages', 'bedrock.converse', 'anthropic.messages', 'bedrock.converse-stream']);
  });

  it('a provider’s 400 of the caller’s own body moves on to the fallback, which may take the translated body', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 400, errorType: 'invalid_request_error', message: 'bad field' }, dialect: 'openai', times: 1 });

    const answer = await m.openai.chat.completions.create({ model: OPENAI.model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();

    expect(answer.response.headers.get('x-hashi-provider')).toBe('anthropic');
    expect(answer.data.choices[0]!.message.content).toBe('Hello from the fake upstream.');
    expect(m.h.fake.requests.map((r) => r.api)).toEqual(['openai.chat', 'anthropic.messages']);
  });
});

describe('retries before the first byte, on either dialect', () => {
  let r: MatrixHarness;
  beforeAll(async () => {
    r = await startMatrix({ fm: { resilience: { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } }, cache: { enabled: false } } });
  });
  afterAll(() => r.close());

  it('a 503 then an answer: both clients get the answer, streamed and not', async () => {
    for (const stream of [false, true]) {
      r.h.fake.reset();
      r.h.fake.script({ fault: { type: 'status', status: 503 }, times: 1 });
      r.h.fake.script({ reply: 'Second try.' });
      const text = stream
        ? (await r.openai.chat.completions.stream({ model: CONVERSE.model, messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion()).choices[0]!.message.content
        : (await r.openai.chat.completions.create({ model: CONVERSE.model, messages: [{ role: 'user', content: 'hi' }] })).choices[0]!.message.content;
      expect(text).toBe('Second try.');
      expect(r.h.fake.requests).toHaveLength(2);
    }
    for (const stream of [false, true]) {
      r.h.fake.reset();
      r.h.fake.script({ fault: { type: 'status', status: 529 }, times: 1 });
      r.h.fake.script({ reply: 'Second try.' });
      const params = { model: ANTHROPIC.model, max_tokens: 32, messages: [{ role: 'user' as const, content: 'hi' }] };
      const message = stream ? await r.anthropic.messages.stream(params).finalMessage() : await r.anthropic.messages.create(params);
      expect(message.content).toEqual([{ type: 'text', text: 'Second try.' }]);
      expect(r.h.fake.requests).toHaveLength(2);
    }
  });
});

describe('auto routing reads the latest user turn of either dialect', () => {
  it.each([
    ['a short question', 'Is volume 105 in stock?', 'haiku'],
    ['an analysis request', 'Compare Monster and Pluto for a new reader.', 'sonnet'],
  ])('%s → %s', async (_name, text, expected) => {
    const o = await m.openai.chat.completions.create({ model: 'auto', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: text }] }).withResponse();
    const a = await m.anthropic.messages.create({ model: 'auto', max_tokens: 32, messages: [{ role: 'user', content: [{ type: 'text', text }] }] }).withResponse();

    expect([o.response.headers.get('x-hashi-model'), a.response.headers.get('x-hashi-model')]).toEqual([expected, expected]);
  });
});
