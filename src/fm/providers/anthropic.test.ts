import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import { createAnthropicProvider } from './anthropic.ts';
import { collect, failure, inspectAnthropicBody, providerContract } from './contract.ts';

const make = (fake: FakeUpstream, extra: { timeoutMs?: number } = {}) =>
  createAnthropicProvider({ name: 'anthropic', apiKey: 'sk-ant-test', baseUrl: fake.url, ...extra });

providerContract({
  label: 'Anthropic Messages',
  dialect: 'anthropic',
  model: 'claude-haiku-4-5',
  make,
  inspect: (req: RecordedRequest) => inspectAnthropicBody(req.body),
  stopSequenceMapsTo: 'stop_sequence',
  streamThrottleType: 'rate_limit_error',
});

describe('Anthropic provider specifics', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('sends the API key (SDK 1.x: Authorization: Bearer; older: x-api-key) and anthropic-version', async () => {
    await make(fake).complete({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 });
    const sent = fake.requests[0]!;
    expect([sent.headers['x-api-key'], sent.headers.authorization]).toContain(
      sent.headers['x-api-key'] === undefined ? 'Bearer sk-ant-test' : 'sk-ant-test',
    );
    expect(sent.headers['anthropic-version']).toBeTypeOf('string');
    expect(sent.body.model).toBe('claude-haiku-4-5');
  });

  it('529 overloaded → server, retryable (https://docs.anthropic.com/en/api/errors)', async () => {
    fake.script({ fault: { type: 'status', status: 529 }, times: 1 });
    const err = await failure(make(fake).complete({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 }));
    expect(err).toMatchObject({ kind: 'server', retryable: true, upstreamStatus: 529, upstreamType: 'overloaded_error' });
  });

  it('an overloaded_error event mid-stream → stream_broken carrying the upstream type', async () => {
    fake.script({ reply: 'a b c', fault: { type: 'stream-error', afterDeltas: 1 }, times: 1 });
    const { events, error } = await collect(make(fake).stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 }));
    expect(events).toEqual([{ type: 'delta', text: 'a' }]);
    expect(error).toMatchObject({ kind: 'stream_broken', upstreamType: 'overloaded_error' });
  });

  it('retry-after-ms wins over retry-after', async () => {
    fake.script({ fault: { type: 'status', status: 429, retryAfterMs: 1500, retryAfterSeconds: 9 }, times: 1 });
    const err = await failure(make(fake).complete({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxTokens: 10 }));
    expect(err.retryAfterMs).toBe(1500);
  });

  it('refuses an image type no API accepts before calling out', async () => {
    const err = await failure(
      make(fake).complete({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/tiff', data: 'AAAA' }] }], maxTokens: 10 }),
    );
    expect(err).toMatchObject({ kind: 'client', retryable: false });
    expect(fake.requests).toHaveLength(0);
  });
});
