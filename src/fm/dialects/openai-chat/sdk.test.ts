import OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { eventsOfResult } from '../../ir/accumulate.ts';
import type { IrResult, IrStreamEvent } from '../../ir/types.ts';
import { fakeFetch } from '../testing.ts';
import { openAIChatEncoder } from './encoder.ts';
import { openAIStreamError } from './errors.ts';
import { renderOpenAIChatResult } from './result.ts';

/** The official `openai` SDK reads what the encoder and renderer write, through its own fetch, SSE parser and accumulator. */
const info = { id: 'chatcmpl-1', created: 1_700_000_000, model: 'gpt-test', includeUsage: true };
const client = (answer: Parameters<typeof fakeFetch>[0]) => new OpenAI({ apiKey: 'k', baseURL: 'http://hashi.test/v1', fetch: fakeFetch(answer), maxRetries: 0 });
const encode = (events: IrStreamEvent[], includeUsage = true) => {
  const enc = openAIChatEncoder({ ...info, includeUsage });
  return events.map((e) => enc.write(e)).join('');
};

const toolAnswer: IrResult = {
  id: 'up-1',
  model: 'claude-x',
  content: [
    { type: 'text', text: 'Checking both — ' },
    { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris', days: [1, 2] } },
    { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: '東京' } },
  ],
  stopReason: 'tool_use',
  usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 100, cacheWriteTokens: 5 },
};

describe('openai-chat encoder through the official openai SDK', () => {
  it('streams text and two tool calls in fragments; ChatCompletionStream accumulates the same message, finish reason and usage', async () => {
    const events: IrStreamEvent[] = [
      { type: 'start', id: 'up-1', model: 'claude-x', usage: { inputTokens: 10, cacheReadTokens: 100, cacheWriteTokens: 5 } },
      { type: 'text_start', index: 0 },
      { type: 'text', index: 0, text: 'Checking ' },
      { type: 'text', index: 0, text: 'both — ' },
      { type: 'block_stop', index: 0 },
      { type: 'tool_start', index: 1, id: 'toolu_1', name: 'weather' },
      { type: 'tool_delta', index: 1, json: '{"city":' },
      { type: 'tool_delta', index: 1, json: '"Paris","days":[1,2]}' },
      { type: 'block_stop', index: 1 },
      { type: 'tool_start', index: 2, id: 'toolu_2', name: 'weather' },
      { type: 'tool_delta', index: 2, json: '{"city":"東京"}' },
      { type: 'block_stop', index: 2 },
      { type: 'stop', stopReason: 'tool_use' },
      { type: 'usage', usage: { outputTokens: 20 } },
      { type: 'end' },
    ];
    const sse = encode(events);
    const stream = client({ sse }).chat.completions.stream({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }], stream_options: { include_usage: true } });
    const final = await stream.finalChatCompletion();
    expect(final.id).toBe('chatcmpl-1');
    expect(final.model).toBe('gpt-test');
    expect(final.choices).toHaveLength(1);
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(final.choices[0]!.message.content).toBe('Checking both — ');
    expect(final.choices[0]!.message.tool_calls).toEqual([
      { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris","days":[1,2]}' } },
      { id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '{"city":"東京"}' } },
    ]);
    expect(final.usage).toEqual({ prompt_tokens: 115, completion_tokens: 20, total_tokens: 135, prompt_tokens_details: { cached_tokens: 100 } });
    expect(sse.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('without include_usage sends no usage chunk and no usage field; the raw chunks parse with the SDK Stream', async () => {
    const sse = encode(eventsOfResult({ ...toolAnswer, content: [{ type: 'text', text: 'Hello there' }], stopReason: 'max_tokens' }), false);
    const chunks = [];
    for await (const c of await client({ sse }).chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }], stream: true })) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hello there' }, {}]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('length');
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
  });

  it('an error after the stream started makes the SDK throw an APIError carrying the message and code', async () => {
    const sse = encode([{ type: 'start' }, { type: 'text_start', index: 0 }, { type: 'text', index: 0, text: 'par' }]) + openAIStreamError({ status: 502, code: 'FM_PROVIDER_STREAM_BROKEN', message: 'upstream broke' });
    const stream = client({ sse }).chat.completions.stream({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] });
    await expect(stream.finalChatCompletion()).rejects.toMatchObject({ message: expect.stringContaining('upstream broke'), code: 'FM_PROVIDER_STREAM_BROKEN', type: 'server_error' });
  });

  it('renders a non-streamed answer the SDK returns as a typed ChatCompletion', async () => {
    const json = renderOpenAIChatResult(toolAnswer, { ...info, includeUsage: false });
    const completion: ChatCompletion = await client({ json }).chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]!.message).toEqual({
      role: 'assistant',
      content: 'Checking both — ',
      refusal: null,
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris","days":[1,2]}' } },
        { id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '{"city":"東京"}' } },
      ],
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(completion.usage).toEqual({ prompt_tokens: 115, completion_tokens: 20, total_tokens: 135, prompt_tokens_details: { cached_tokens: 100 } });
  });
});
