import { ConverseCommand, ConverseStreamCommand, CountTokensCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.ts';
import { decodeJson, sdkClients } from './sdk-clients.ts';

/** Prompt-cache usage and token counting, read by the official SDKs. */
describe('fake upstream usage and count tokens through the official SDKs', () => {
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
  const usage = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 200, cacheWriteTokens: 50 };
  const user = { role: 'user' as const, content: 'Summarise the long cached document.' };

  it('OpenAI: prompt_tokens include cached and written tokens, prompt_tokens_details.cached_tokens the reads', async () => {
    fake.script({ reply: 'a b c', usage });
    const res = await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages: [user] });
    expect(res.usage).toEqual({ prompt_tokens: 260, completion_tokens: 3, total_tokens: 263, prompt_tokens_details: { cached_tokens: 200 } });
    const final = await sdk.openai.chat.completions.stream({ model: 'gpt-fake', messages: [user], stream_options: { include_usage: true } }).finalChatCompletion();
    expect(final.usage).toEqual(res.usage);
  });

  it('Anthropic: cache_read/cache_creation_input_tokens in the message, message_start and message_delta', async () => {
    fake.script({ reply: 'a b c', usage });
    const expected = { input_tokens: 10, output_tokens: 3, cache_read_input_tokens: 200, cache_creation_input_tokens: 50 };
    const res = await sdk.anthropic.messages.create({ model: 'claude-fake', max_tokens: 50, messages: [user] });
    expect(res.usage).toEqual(expected);
    const raw = await sdk.anthropic.messages.create({ model: 'claude-fake', max_tokens: 50, messages: [user], stream: true });
    const usages: Record<string, unknown> = {};
    for await (const event of raw) {
      if (event.type === 'message_start') usages.start = event.message.usage;
      if (event.type === 'message_delta') usages.delta = event.usage;
    }
    expect(usages.start).toEqual({ ...expected, output_tokens: 1 });
    expect(usages.delta).toEqual(expected);
    const final = await sdk.anthropic.messages.stream({ model: 'claude-fake', max_tokens: 50, messages: [user] }).finalMessage();
    expect(final.usage).toMatchObject(expected);
  });

  it('Anthropic: plain usage stays {input_tokens, output_tokens} when no cache counts are scripted', async () => {
    fake.script({ reply: 'a', usage: { inputTokens: 4, outputTokens: 1 } });
    const res = await sdk.anthropic.messages.create({ model: 'claude-fake', max_tokens: 50, messages: [user] });
    expect(res.usage).toEqual({ input_tokens: 4, output_tokens: 1 });
  });

  it('Bedrock: Converse and ConverseStream usage carry cacheRead/WriteInputTokens; InvokeModel stream the Anthropic fields', async () => {
    fake.script({ reply: 'a b c', usage });
    const expected = { inputTokens: 10, outputTokens: 3, totalTokens: 263, cacheReadInputTokens: 200, cacheWriteInputTokens: 50 };
    const messages = [{ role: 'user' as const, content: [{ text: user.content }] }];
    expect((await sdk.bedrock.send(new ConverseCommand({ modelId: 'm', messages }))).usage).toEqual(expected);
    const out = await sdk.bedrock.send(new ConverseStreamCommand({ modelId: 'm', messages }));
    let streamed: unknown;
    for await (const event of out.stream!) if (event.metadata) streamed = event.metadata.usage;
    expect(streamed).toEqual(expected);
    const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 50, messages: [user] });
    const invoke = await sdk.bedrock.send(new InvokeModelWithResponseStreamCommand({ modelId: 'anthropic.claude-fake', body }));
    const events: any[] = [];
    for await (const part of invoke.body!) events.push(decodeJson(part.chunk?.bytes));
    expect(events[0].message.usage).toMatchObject({ cache_read_input_tokens: 200, cache_creation_input_tokens: 50 });
  });

  it('Anthropic countTokens answers ⌈body bytes / 4⌉, or the scripted input tokens', async () => {
    const params = { model: 'claude-fake', messages: [user], tools: [{ name: 't', input_schema: { type: 'object' as const } }] };
    const counted = await sdk.anthropic.messages.countTokens(params);
    expect(fake.requests[0]).toMatchObject({ api: 'anthropic.count-tokens', path: '/v1/messages/count_tokens', modelId: 'claude-fake' });
    expect(counted).toEqual({ input_tokens: Math.ceil(fake.requests[0]!.rawBody.length / 4) });
    fake.script({ usage: { inputTokens: 1234 }, times: 1 });
    expect(await sdk.anthropic.messages.countTokens(params)).toEqual({ input_tokens: 1234 });
    await expect(sdk.anthropic.messages.countTokens({ model: 'claude-fake' } as any)).rejects.toMatchObject({ status: 400 });
  });

  it('Bedrock CountTokens counts a Converse request or an InvokeModel body', async () => {
    const converse = { messages: [{ role: 'user' as const, content: [{ text: user.content }] }] };
    const byConverse = await sdk.bedrock.send(new CountTokensCommand({ modelId: 'anthropic.claude-fake', input: { converse } }));
    expect(byConverse.inputTokens).toBe(Math.ceil(Buffer.byteLength(JSON.stringify(fake.requests[0]!.body.input.converse)) / 4));
    const body = new TextEncoder().encode(JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [user] }));
    const byInvoke = await sdk.bedrock.send(new CountTokensCommand({ modelId: 'anthropic.claude-fake', input: { invokeModel: { body } } }));
    expect(byInvoke.inputTokens).toBe(Math.ceil(body.length / 4));
    expect(fake.requests.map((r) => [r.api, r.modelId])).toEqual([
      ['bedrock.count-tokens', 'anthropic.claude-fake'],
      ['bedrock.count-tokens', 'anthropic.claude-fake'],
    ]);
  });
});
