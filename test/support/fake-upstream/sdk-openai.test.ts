import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.ts';
import { sdkClients } from './sdk-clients.ts';

/** OpenAI extras through the official `openai` client: n choices, logprobs, JSON mode, embeddings, verbatim bodies. */
describe('fake upstream OpenAI extras through the openai SDK', () => {
  let fake: FakeUpstream;
  let sdk: ReturnType<typeof sdkClients>;
  beforeAll(async () => {
    fake = await startFakeUpstream();
    sdk = sdkClients(fake);
  });
  afterAll(async () => {
    sdk.bedrock.destroy();
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const messages = [{ role: 'user' as const, content: 'Tell me something.' }];

  it('answers n choices, each from the reply function with its index, JSON and streamed', async () => {
    fake.script({ reply: (_req, choice) => `answer number ${choice}` });
    const res = await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages, n: 3 });
    expect(res.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'answer number 0', 'stop'],
      [1, 'answer number 1', 'stop'],
      [2, 'answer number 2', 'stop'],
    ]);
    expect(res.usage?.completion_tokens).toBe(9);
    const final = await sdk.openai.chat.completions.stream({ model: 'gpt-fake', messages, n: 2 }).finalChatCompletion();
    expect(final.choices.map((c) => c.message.content)).toEqual(['answer number 0', 'answer number 1']);
  });

  it('answers deterministic logprobs with top_logprobs when asked, the same JSON and streamed', async () => {
    fake.script({ reply: 'one two three' });
    const plain = await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages });
    expect(plain.choices[0]!.logprobs).toBeNull();
    const res = await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages, logprobs: true, top_logprobs: 2 });
    const content = res.choices[0]!.logprobs!.content!;
    expect(content.map((t) => t.token).join('')).toBe('one two three');
    expect(content[1]).toEqual({
      token: ' two',
      logprob: -0.02,
      bytes: [32, 116, 119, 111],
      top_logprobs: [
        { token: ' two', logprob: -0.02, bytes: [32, 116, 119, 111] },
        { token: ' alt1', logprob: -1.02, bytes: [32, 97, 108, 116, 49] },
      ],
    });
    const streamed = await sdk.openai.chat.completions.stream({ model: 'gpt-fake', messages, logprobs: true, top_logprobs: 2 }).finalChatCompletion();
    expect(streamed.choices[0]!.logprobs!.content).toEqual(content);
  });

  it('honours response_format by answering the scripted JSON (json_schema parsed by the SDK) and records it', async () => {
    fake.script({ reply: '{"title":"Origami War","volume":7}' });
    const schema = { type: 'object', properties: { title: { type: 'string' }, volume: { type: 'integer' } }, required: ['title', 'volume'], additionalProperties: false };
    const response_format = { type: 'json_schema' as const, json_schema: { name: 'book', schema, strict: true } };
    const res = await sdk.openai.chat.completions.parse({ model: 'gpt-fake', messages, response_format });
    expect(res.choices[0]!.message.parsed).toEqual({ title: 'Origami War', volume: 7 });
    await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages, response_format: { type: 'json_object' } });
    expect(fake.requests.map((r) => r.body.response_format)).toEqual([response_format, { type: 'json_object' }]);
  });

  it('records unknown fields in the parsed body and the raw bytes exactly as sent', async () => {
    await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages, seed: 7, some_future_field: { a: [1, 2] } } as any);
    expect(fake.requests[0]!.body).toMatchObject({ seed: 7, some_future_field: { a: [1, 2] } });
    expect(JSON.parse(fake.requests[0]!.rawBody.toString('utf8'))).toEqual(fake.requests[0]!.body);
    const bytes = '{"model":"gpt-fake",  "messages":[{"role":"user","content":"hé"}],"x_unknown":true}';
    await fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
    expect(fake.requests[1]!.rawBody.equals(Buffer.from(bytes, 'utf8'))).toBe(true);
  });

  it('serves embeddings the SDK decodes from base64 (its default) and reads as floats, identical either way', async () => {
    const decoded = await sdk.openai.embeddings.create({ model: 'fake-embedding', input: ['hello', 'world'], dimensions: 8 });
    const floats = await sdk.openai.embeddings.create({ model: 'fake-embedding', input: ['hello', 'world'], dimensions: 8, encoding_format: 'float' });
    expect(fake.requests.map((r) => r.body.encoding_format)).toEqual(['base64', 'float']);
    expect(decoded.data).toHaveLength(2);
    expect(decoded.data[0]!.embedding).toHaveLength(8);
    decoded.data.forEach((d, i) => d.embedding.forEach((v, j) => expect(v).toBeCloseTo(floats.data[i]!.embedding[j]!, 6)));
    expect(decoded.data[0]!.embedding).not.toEqual(decoded.data[1]!.embedding);
    expect(floats.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });
});
