import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import { createBedrockConverseProvider } from './bedrock-converse.ts';
import { collect, FAKE_AWS, failure, providerContract, type SentRequest } from './contract.ts';

function inspect(req: RecordedRequest): SentRequest {
  const body = req.body;
  const user = body.messages.find((m: any) => m.role === 'user');
  const blocks: any[] = user.content;
  return {
    system: body.system?.map((s: any) => s.text).join(''),
    temperature: body.inferenceConfig?.temperature,
    topP: body.inferenceConfig?.topP,
    maxTokens: body.inferenceConfig?.maxTokens,
    stopSequences: body.inferenceConfig?.stopSequences,
    userText: blocks.filter((b) => typeof b.text === 'string').map((b) => b.text).join(''),
    images: blocks.filter((b) => b.image).map((b) => b.image.source.bytes),
  };
}

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

const make = (fake: FakeUpstream, extra: { timeoutMs?: number } = {}) =>
  createBedrockConverseProvider({
    name: 'bedrock',
    endpoint: fake.url,
    ...FAKE_AWS,
    embeddingModel: 'amazon.titan-embed-text-v2:0',
    embeddingDimensions: 256,
    ...extra,
  });

providerContract({
  label: 'Bedrock Converse',
  dialect: 'bedrock',
  model: MODEL,
  make,
  inspect,
  stopSequenceMapsTo: 'stop_sequence',
  streamThrottleType: 'ThrottlingException',
});

describe('Bedrock Converse specifics', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 10 };

  it('signs with SigV4 and puts the model id (with its colon) in the path, over HTTP/2', async () => {
    await make(fake).complete(ask);
    const sent = fake.requests[0]!;
    expect(sent.path).toBe(`/model/${MODEL}/converse`);
    expect(sent.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFAKE\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(sent.headers[':method']).toBe('POST');
  });

  it('the real SDK decodes the eventstream frames of ConverseStream', async () => {
    fake.script({ reply: 'こんにちは 世界 !', usage: { inputTokens: 3, outputTokens: 3 } });
    const { events, error } = await collect(make(fake).stream(ask));
    expect(error).toBeUndefined();
    expect(events.map((e) => (e.type === 'delta' ? e.text : '|'))).toEqual(['こんにちは', ' 世界', ' !', '|']);
    expect(fake.requests[0]!.path).toBe(`/model/${MODEL}/converse-stream`);
  });

  it('maps guardrail and context-window stop reasons', async () => {
    fake.script({ rawStopReason: 'guardrail_intervened', times: 1 });
    expect((await make(fake).complete(ask)).stopReason).toBe('content_filter');
    fake.script({ rawStopReason: 'model_context_window_exceeded', times: 1 });
    expect((await make(fake).complete(ask)).stopReason).toBe('max_tokens');
  });

  it.each([
    [408, 'ModelTimeoutException', 'timeout', true],
    [424, 'ModelErrorException', 'server', true],
    [429, 'ThrottlingException', 'throttled', true],
    [503, 'ServiceUnavailableException', 'server', true],
    [400, 'ValidationException', 'client', false],
    [404, 'ResourceNotFoundException', 'client', false],
  ] as const)('%i %s → %s (retryable %s)', async (status, type, kind, retryable) => {
    fake.script({ fault: { type: 'status', status, errorType: type }, times: 1 });
    const err = await failure(make(fake).complete(ask));
    expect(err).toMatchObject({ kind, retryable, upstreamType: type, upstreamStatus: status });
  });

  it('a modelStreamErrorException mid-stream → stream_broken after the deltas', async () => {
    fake.script({ reply: 'a b c', fault: { type: 'stream-error', afterDeltas: 1, errorType: 'ModelStreamErrorException' }, times: 1 });
    const { events, error } = await collect(make(fake).stream(ask));
    expect(events).toEqual([{ type: 'delta', text: 'a' }]);
    expect(error).toMatchObject({ kind: 'stream_broken', upstreamType: 'ModelStreamErrorException' });
  });

  it('embeds with Titan v2 through InvokeModel, one call per text, order kept', async () => {
    const vectors = await make(fake).embed!(['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
    expect(vectors.map((v) => v.length)).toEqual([256, 256, 256, 256, 256]);
    const sent = fake.requests.map((r) => [r.path, r.body.inputText, r.body.dimensions]);
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((s) => s[0]))).toEqual(new Set(['/model/amazon.titan-embed-text-v2:0/invoke']));
    const again = await make(fake).embed!(['gamma']);
    expect(again[0]).toEqual(vectors[2]);
  });

  it('embedding failures are normalised', async () => {
    fake.script({ fault: { type: 'throttle' }, times: 1 });
    const err = await failure(make(fake).embed!(['a']));
    expect(err).toMatchObject({ kind: 'throttled', retryable: true });
  });
});
