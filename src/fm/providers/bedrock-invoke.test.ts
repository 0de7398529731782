import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import { BEDROCK_ANTHROPIC_VERSION, createBedrockInvokeProvider } from './bedrock-invoke.ts';
import { collect, FAKE_AWS, inspectAnthropicBody, providerContract } from './contract.ts';

const MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

const make = (fake: FakeUpstream, extra: { timeoutMs?: number } = {}) =>
  createBedrockInvokeProvider({ name: 'bedrock-invoke', endpoint: fake.url, ...FAKE_AWS, ...extra });

providerContract({
  label: 'Bedrock InvokeModel (Anthropic body)',
  dialect: 'bedrock',
  model: MODEL,
  make,
  inspect: (req: RecordedRequest) => inspectAnthropicBody(req.body),
  stopSequenceMapsTo: 'stop_sequence',
  streamThrottleType: 'ThrottlingException',
});

describe('Bedrock InvokeModel specifics', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const ask = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 10 };

  it('sends the Messages body with anthropic_version and no model field', async () => {
    await make(fake).complete(ask);
    const sent = fake.requests[0]!;
    expect(sent.path).toBe(`/model/${MODEL}/invoke`);
    expect(sent.body.anthropic_version).toBe(BEDROCK_ANTHROPIC_VERSION);
    expect(sent.body.model).toBeUndefined();
    expect(sent.headers['content-type']).toBe('application/json');
  });

  it('decodes base64 chunk events of InvokeModelWithResponseStream', async () => {
    fake.script({ reply: 'one two', usage: { inputTokens: 9, outputTokens: 2 } });
    const { events, error } = await collect(make(fake).stream(ask));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'delta', text: 'one' },
      { type: 'delta', text: ' two' },
      { type: 'done', usage: { inputTokens: 9, outputTokens: 2 }, stopReason: 'end_turn', model: MODEL },
    ]);
    expect(fake.requests[0]!.path).toBe(`/model/${MODEL}/invoke-with-response-stream`);
  });
});
