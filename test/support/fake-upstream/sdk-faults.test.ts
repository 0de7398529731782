import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.ts';
import { sdkClients } from './sdk-clients.ts';

/** Required credentials and faults inside tool streams, as the official SDKs see them. */
describe('fake upstream auth and tool-stream faults through the official SDKs', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream({ requireAuth: { openai: 'sk-upstream', anthropic: 'sk-ant-upstream', bedrock: 'AKIDUPSTREAM' } });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const converse = (modelId = 'm') => new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'hi' }] }] });

  it('answers each dialect its own auth error for the wrong credentials and serves the right ones', async () => {
    const wrong = sdkClients(fake, { openai: 'hsk_client_key', anthropic: 'hsk_client_key', awsAccessKeyId: 'AKIDCLIENT' });
    const right = sdkClients(fake, { openai: 'sk-upstream', anthropic: 'sk-ant-upstream', awsAccessKeyId: 'AKIDUPSTREAM' });
    try {
      await expect(wrong.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
      await expect(wrong.anthropic.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401, error: { error: { type: 'authentication_error' } } });
      await expect(wrong.bedrock.send(converse())).rejects.toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
      expect(fake.requests.map((r) => [r.dialect, r.headers['x-api-key'] ?? r.headers.authorization?.split(',')[0]])).toEqual([
        ['openai', 'Bearer hsk_client_key'],
        // @anthropic-ai/sdk 1.x sends its apiKey as a bearer token; the fake also takes x-api-key.
        ['anthropic', 'Bearer hsk_client_key'],
        ['bedrock', expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIDCLIENT\//)],
      ]);
      expect((await right.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).choices).toHaveLength(1);
      expect((await right.anthropic.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })).content).toHaveLength(1);
      expect((await right.bedrock.send(converse())).stopReason).toBe('end_turn');
    } finally {
      wrong.bedrock.destroy();
      right.bedrock.destroy();
    }
  });

  it('takes the Anthropic key as x-api-key too', async () => {
    const res = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-ant-upstream' }, body: JSON.stringify({ model: 'm', max_tokens: 5, messages: [] }) });
    expect(res.status).toBe(200);
    const denied = await fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'other' }, body: '{}' });
    expect([denied.status, await denied.json()]).toEqual([401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }]);
  });

  it('a script can change or lift the required credentials', async () => {
    const sdk = sdkClients(fake, { openai: 'hsk_client_key' });
    fake.script({ requireAuth: {}, times: 1 });
    expect((await sdk.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).choices).toHaveLength(1);
    await expect(sdk.openai.models.list()).rejects.toMatchObject({ status: 401 });
    sdk.bedrock.destroy();
  });

  describe('faults inside a tool block', () => {
    const call = { name: 'lookup', input: { query: 'a fairly long query string', page: 2 } };
    let sdk: ReturnType<typeof sdkClients>;
    beforeAll(() => {
      sdk = sdkClients(fake, { openai: 'sk-upstream', anthropic: 'sk-ant-upstream', awsAccessKeyId: 'AKIDUPSTREAM' });
    });
    afterAll(() => sdk.bedrock.destroy());

    it('OpenAI: the in-stream error arrives after the call start and one argument fragment', async () => {
      fake.script({ reply: 'Looking.', toolCalls: [call], fault: { type: 'stream-error', afterDeltas: 2, message: 'tool stream broke' } });
      const seen: unknown[] = [];
      const stream = await sdk.openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
      const failure = (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? chunk.choices[0]?.delta.tool_calls?.[0]);
      })();
      await expect(failure).rejects.toThrow('tool stream broke');
      expect(seen).toEqual(['', 'Looking.', expect.objectContaining({ id: 'call_fake_1_0', function: { name: 'lookup', arguments: '' } }), { index: 0, function: { arguments: expect.any(String) } }]);
    });

    it('Anthropic: a reset after the tool block start and one input_json_delta breaks the SDK stream', async () => {
      fake.script({ toolCalls: [call], fault: { type: 'reset', afterDeltas: 1 } });
      const types: string[] = [];
      const stream = await sdk.anthropic.messages.create({ model: 'm', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }], stream: true });
      const failure = (async () => {
        for await (const event of stream) types.push(event.type === 'content_block_delta' ? event.delta.type : event.type);
      })();
      await expect(failure).rejects.toThrow();
      // The SDK drops pings before yielding events.
      expect(types).toEqual(['message_start', 'content_block_start', 'input_json_delta']);
    });

    it('ConverseStream: the modelled exception arrives inside the toolUse block', async () => {
      fake.script({ toolCalls: [call], fault: { type: 'stream-error', afterDeltas: 2, errorType: 'ModelStreamErrorException', message: 'mid tool' } });
      const out = await sdk.bedrock.send(new ConverseStreamCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
      const kinds: string[] = [];
      const failure = (async () => {
        for await (const event of out.stream!) kinds.push(Object.keys(event).filter((k) => k !== '$unknown')[0]!);
      })();
      await expect(failure).rejects.toMatchObject({ name: 'ModelStreamErrorException', message: 'mid tool' });
      expect(kinds).toEqual(['messageStart', 'contentBlockStart', 'contentBlockDelta', 'contentBlockDelta']);
    });
  });
});
