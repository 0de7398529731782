import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { IrStreamEvent } from '../ir/types.ts';
import { anthropicMessages, bedrockConverse, openAIChat } from './index.ts';
import { fakeFetch, framesOf } from './testing.ts';
import type { RenderInfo, StreamDecoder, StreamEncoder, WireFrame } from './types.ts';

/**
 * Streams translated end to end, as the gateway will: a provider's frames →
 * its decoder → IR events → the client dialect's encoder → the official
 * client SDK, which must accumulate the same answer the provider streamed.
 */
const info: RenderInfo = { id: 'hashi-1', created: 1, model: 'alias', includeUsage: true };
const pipe = (decoder: StreamDecoder, encoder: StreamEncoder, frames: WireFrame[]) => frames.flatMap((f) => decoder.read(f)).map((e: IrStreamEvent) => encoder.write(e)).join('');

const anthropicUpstream: RawMessageStreamEvent[] = [
  { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 9, output_tokens: 1, cache_read_input_tokens: 50, cache_creation_input_tokens: 0 } } as never },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'On it: ' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} } as never },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":"é' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 't\u00e9"}' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null } as never, usage: { output_tokens: 17 } as never },
  { type: 'message_stop' },
];

const openAIUpstream = (chunks: Partial<ChatCompletionChunk>[]) => chunks.map((c) => `data: ${JSON.stringify({ id: 'chatcmpl-u', object: 'chat.completion.chunk', created: 1, model: 'gpt', ...c })}\n\n`).join('') + 'data: [DONE]\n\n';

describe('streams translated between dialects, read by the official SDKs', () => {
  it('Anthropic upstream → OpenAI client: ChatCompletionStream gets the text, the tool call and the usage with cached tokens', async () => {
    const sse = pipe(anthropicMessages.decoder(), openAIChat.encoder(info), anthropicUpstream.map((e) => ({ event: e.type, data: JSON.stringify(e) })));
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://h/v1', fetch: fakeFetch({ sse }) });
    const final = await client.chat.completions.stream({ model: 'alias', messages: [{ role: 'user', content: 'x' }], stream_options: { include_usage: true } }).finalChatCompletion();
    expect(final.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'On it: ', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"été"}' } }] });
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(final.usage).toEqual({ prompt_tokens: 59, completion_tokens: 17, total_tokens: 76, prompt_tokens_details: { cached_tokens: 50 } });
  });

  it('OpenAI upstream (usage last) → Anthropic client: MessageStream gets the blocks, stop reason and the input usage from message_delta', async () => {
    const upstream = openAIUpstream([
      { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] },
      { choices: [{ index: 0, delta: { content: 'Checking.' }, finish_reason: null, logprobs: null }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '' } }] }, finish_reason: null, logprobs: null }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":1}' } }] }, finish_reason: null, logprobs: null }] },
      { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls', logprobs: null }] },
      { choices: [], usage: { prompt_tokens: 30, completion_tokens: 5, total_tokens: 35, prompt_tokens_details: { cached_tokens: 10 } } },
    ]);
    const sse = pipe(openAIChat.decoder(), anthropicMessages.encoder(info), framesOf(upstream));
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://h', fetch: fakeFetch({ sse }) });
    const final = await client.messages.stream({ model: 'alias', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
    expect(final.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_9', name: 'lookup', input: { q: 1 } },
    ]);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.usage).toMatchObject({ input_tokens: 20, output_tokens: 5, cache_read_input_tokens: 10 });
  });

  it('Converse upstream → Anthropic client: a text block without a start event still opens a block the SDK accepts', async () => {
    const frames: WireFrame[] = [
      { event: 'messageStart', data: '{"role":"assistant"}' },
      { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hi "}}' },
      { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"there"}}' },
      { event: 'contentBlockStop', data: '{"contentBlockIndex":0}' },
      { event: 'messageStop', data: '{"stopReason":"max_tokens"}' },
      { event: 'metadata', data: '{"usage":{"inputTokens":4,"outputTokens":2,"totalTokens":6},"metrics":{"latencyMs":3}}' },
    ];
    const sse = pipe(bedrockConverse.decoder(), anthropicMessages.encoder(info), frames);
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://h', fetch: fakeFetch({ sse }) });
    const final = await client.messages.stream({ model: 'alias', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
    expect(final).toMatchObject({ content: [{ type: 'text', text: 'Hi there' }], stop_reason: 'max_tokens', usage: { input_tokens: 4, output_tokens: 2 } });
  });
});
