import { EventStreamCodec } from '@smithy/eventstream-codec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.ts';

/** The fake's own behaviour, checked at the HTTP level (the SDK-level checks live in src/fm/providers). */
describe('fake upstream', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream({ models: ['llama3.2:3b', 'bge-small'] });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const chat = (extra: Record<string, unknown> = {}) => post('/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });

  it('records path, headers and parsed body', async () => {
    await post('/v1/messages', { model: 'claude', max_tokens: 5, messages: [] }, { 'x-api-key': 'k' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ api: 'anthropic.messages', dialect: 'anthropic', method: 'POST', path: '/v1/messages', modelId: 'claude', stream: false });
    expect(fake.requests[0]!.headers['x-api-key']).toBe('k');
    expect(fake.requests[0]!.body.max_tokens).toBe(5);
  });

  it('applies a scripted step to the next N requests only, FIFO, then the defaults', async () => {
    fake.script({ reply: 'default now' });
    fake.script({ fault: { type: 'status', status: 503 }, times: 2 });
    fake.script({ reply: 'third', times: 1 });
    const statuses = [];
    const texts = [];
    for (let i = 0; i < 4; i++) {
      const res = await chat();
      statuses.push(res.status);
      texts.push(res.ok ? ((await res.json()) as any).choices[0].message.content : (await res.text(), null));
    }
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(texts).toEqual([null, null, 'third', 'default now']);
  });

  it('a dialect-scoped step is consumed only by that dialect', async () => {
    fake.script({ fault: { type: 'throttle' }, times: 1, dialect: 'anthropic' });
    expect((await chat()).status).toBe(200);
    const res = await post('/v1/messages', { model: 'c', max_tokens: 5, messages: [] });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'fake upstream error 429' } });
  });

  it('writes Bedrock errors with x-amzn-errortype and a message body', async () => {
    fake.script({ fault: { type: 'status', status: 503 }, times: 1 });
    const res = await post('/model/amazon.nova-micro-v1%3A0/converse', { messages: [] });
    expect(res.status).toBe(503);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ServiceUnavailableException:/);
    expect(await res.json()).toHaveProperty('message');
    expect(fake.requests[0]!.modelId).toBe('amazon.nova-micro-v1:0');
  });

  it('refuses an InvokeModel body that is neither Anthropic nor Titan', async () => {
    const res = await post('/model/meta.llama3/invoke', { prompt: 'hi' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
  });

  it('streams OpenAI chunks with a final usage chunk and [DONE]', async () => {
    fake.script({ reply: 'a b', usage: { inputTokens: 4, outputTokens: 2 } });
    const text = await (await chat({ stream: true, stream_options: { include_usage: true } })).text();
    const data = text.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? null)).toEqual(['', 'a', ' b', null, null]);
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 });
  });

  it('writes ConverseStream as eventstream frames that decode with the AWS codec', async () => {
    fake.script({ reply: 'x y', usage: { inputTokens: 1, outputTokens: 2 } });
    const res = await post('/model/m/converse-stream', { messages: [] });
    expect(res.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const codec = new EventStreamCodec((b) => Buffer.from(b).toString('utf8'), (s) => Buffer.from(s, 'utf8'));
    const bytes = Buffer.from(await res.arrayBuffer());
    const events: [unknown, any][] = [];
    // Each frame starts with its total length (big-endian uint32).
    for (let at = 0; at < bytes.length; at += bytes.readUInt32BE(at)) {
      const m = codec.decode(bytes.subarray(at, at + bytes.readUInt32BE(at)));
      events.push([m.headers[':event-type']?.value, JSON.parse(Buffer.from(m.body).toString())]);
    }
    expect(events.map((e) => e[0])).toEqual(['messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']);
    expect(events[1]![1]).toEqual({ contentBlockIndex: 0, delta: { text: 'x' } });
    expect(events[5]![1].usage).toEqual({ inputTokens: 1, outputTokens: 2, totalTokens: 3 });
  });

  it('lists models and serves embeddings as floats or base64 float32', async () => {
    const models = (await (await fetch(`${fake.url}/v1/models`)).json()) as any;
    expect(models.data.map((m: any) => m.id)).toEqual(['llama3.2:3b', 'bge-small']);
    const asFloat = (await (await post('/v1/embeddings', { model: 'bge-small', input: ['hello'], encoding_format: 'float', dimensions: 4 })).json()) as any;
    const asB64 = (await (await post('/v1/embeddings', { model: 'bge-small', input: 'hello', encoding_format: 'base64', dimensions: 4 })).json()) as any;
    const decoded = Array.from(new Float32Array(Uint8Array.from(Buffer.from(asB64.data[0].embedding, 'base64')).buffer));
    expect(asFloat.data[0].embedding).toHaveLength(4);
    decoded.forEach((v, i) => expect(v).toBeCloseTo(asFloat.data[0].embedding[i], 6));
  });

  it('truncates the reply at the request max tokens and says so', async () => {
    fake.script({ reply: 'one two three four' });
    const body = (await (await chat({ max_tokens: 2 })).json()) as any;
    expect(body.choices[0]).toMatchObject({ message: { content: 'one two' }, finish_reason: 'length' });
  });

  it('waits latencyMs before the first byte', async () => {
    fake.script({ latencyMs: 80, times: 1 });
    const started = performance.now();
    await chat();
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('paces stream deltas at tokensPerSecond', async () => {
    fake.script({ reply: 'a b c d e f', tokensPerSecond: 100, times: 1 });
    const started = performance.now();
    await (await chat({ stream: true })).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('a hung request stays open until close(), which releases it', async () => {
    const other = await startFakeUpstream();
    other.script({ fault: { type: 'hang' } });
    const pending = fetch(`${other.url}/v1/chat/completions`, { method: 'POST', body: '{}' }).then(
      () => 'answered',
      () => 'connection closed',
    );
    await other.waitForRequests(1);
    expect(other.inFlight).toBe(1);
    await other.close();
    expect(await pending).toBe('connection closed');
  });

  it('answers 404 for unknown endpoints', async () => {
    expect((await fetch(`${fake.url}/v2/whatever`)).status).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });
});
