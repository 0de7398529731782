import Anthropic from '@anthropic-ai/sdk';
import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { eventsOfResult } from '../../ir/accumulate.ts';
import type { IrResult, IrStreamEvent } from '../../ir/types.ts';
import { fakeFetch } from '../testing.ts';
import { anthropicEncoder } from './encoder.ts';
import { anthropicStreamError, renderAnthropicError } from './errors.ts';
import { renderAnthropicResult } from './result.ts';

/** The official `@anthropic-ai/sdk` reads what the encoder and renderer write, through its own fetch, SSE parser and MessageStream. */
const info = { id: 'msg_hashi_1', created: 1, model: 'claude-alias', includeUsage: false };
const client = (answer: Parameters<typeof fakeFetch>[0]) => new Anthropic({ apiKey: 'k', baseURL: 'http://hashi.test', fetch: fakeFetch(answer), maxRetries: 0 });
const params = { model: 'claude-alias', max_tokens: 100, messages: [{ role: 'user' as const, content: 'x' }] };
const encode = (events: IrStreamEvent[]) => {
  const enc = anthropicEncoder(info);
  return events.map((e) => enc.write(e)).join('');
};

const answer: IrResult = {
  model: 'gpt-4o',
  content: [
    { type: 'text', text: 'Looking — 東京' },
    { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Tokyo', days: [1, 2] } },
    { type: 'tool_use', id: 'call_2', name: 'clock', input: {} },
  ],
  stopReason: 'tool_use',
  usage: { inputTokens: 12, outputTokens: 30, cacheReadTokens: 40 },
};

const expectedMessage = {
  id: 'msg_hashi_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-alias',
  content: [
    { type: 'text', text: 'Looking — 東京' },
    { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Tokyo', days: [1, 2] } },
    { type: 'tool_use', id: 'call_2', name: 'clock', input: {} },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 40 },
};

describe('anthropic-messages encoder through the official @anthropic-ai/sdk', () => {
  it('streams an OpenAI-shaped event order (usage only at the end, sparse block numbers) that MessageStream accumulates exactly', async () => {
    const events: IrStreamEvent[] = [
      { type: 'start', id: 'chatcmpl-x', model: 'gpt-4o' },
      { type: 'text_start', index: 0 },
      { type: 'text', index: 0, text: 'Looking — ' },
      { type: 'text', index: 0, text: '東京' },
      { type: 'block_stop', index: 0 },
      { type: 'tool_start', index: 3, id: 'call_1', name: 'weather' },
      { type: 'tool_delta', index: 3, json: '{"city":"To' },
      { type: 'tool_delta', index: 3, json: 'kyo","days":[1,2]}' },
      { type: 'block_stop', index: 3 },
      { type: 'tool_start', index: 5, id: 'call_2', name: 'clock' },
      { type: 'block_stop', index: 5 },
      { type: 'stop', stopReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 30, cacheReadTokens: 40 } },
      { type: 'end' },
    ];
    const sse = encode(events);
    const stream = client({ sse }).messages.stream(params);
    const seen: string[] = [];
    stream.on('streamEvent', (e: RawMessageStreamEvent) => seen.push(e.type));
    const final = await stream.finalMessage();
    expect(final).toMatchObject(expectedMessage);
    expect(final.content).toEqual(expectedMessage.content);
    expect(final.usage).toEqual(expectedMessage.usage);
    expect(seen).toEqual([
      'message_start',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('a replayed result (eventsOfResult) streams to the same message; stop_sequence is reported', async () => {
    const withStop: IrResult = { ...answer, content: [{ type: 'text', text: 'one two' }], stopReason: 'stop_sequence', stopSequence: '##' };
    const final = await client({ sse: encode(eventsOfResult(withStop)) }).messages.stream(params).finalMessage();
    expect(final).toMatchObject({ content: [{ type: 'text', text: 'one two' }], stop_reason: 'stop_sequence', stop_sequence: '##', usage: { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 40 } });
  });

  it('an event: error after the start makes the SDK throw with the error type and message', async () => {
    const sse = encode([{ type: 'start' }, { type: 'text_start', index: 0 }, { type: 'text', index: 0, text: 'par' }]) + anthropicStreamError({ status: 529, code: 'FM_PROVIDER_SERVER', message: 'upstream overloaded' });
    await expect(client({ sse }).messages.stream(params).finalMessage()).rejects.toThrow(/overloaded_error.*upstream overloaded|upstream overloaded.*overloaded_error/);
  });

  it('renders a non-streamed Message the SDK returns as is', async () => {
    const json = renderAnthropicResult(answer, info);
    const message: Message = await client({ json }).messages.create(params);
    expect(message).toEqual(expectedMessage);
  });

  it('renders errors the SDK maps to its typed error classes', async () => {
    const json = renderAnthropicError({ status: 429, code: 'FM_RATE_LIMITED', message: 'slow down' });
    await expect(client({ json, status: 429 }).messages.create(params)).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    const invalid = renderAnthropicError({ status: 400, code: 'FM_FIELD_UNSUPPORTED', message: 'n is not supported' });
    await expect(client({ json: invalid, status: 400 }).messages.create(params)).rejects.toMatchObject({ status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: 'n is not supported' } } });
  });
});
