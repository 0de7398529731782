import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { accumulate } from '../../ir/accumulate.ts';
import { MalformedResponseError, UpstreamStreamError } from '../errors.ts';
import { renderOpenAIChatResult } from '../openai-chat/result.ts';
import { anthropicDecoder } from './decoder.ts';
import { parseAnthropicResult } from './result.ts';

const frame = (e: RawMessageStreamEvent | { type: 'ping' } | { type: 'error'; error: { type: string; message: string } }) => ({ event: e.type, data: JSON.stringify(e) });

const upstreamStream: (RawMessageStreamEvent | { type: 'ping' })[] = [
  {
    type: 'message_start',
    message: {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 15, output_tokens: 1, cache_read_input_tokens: 200, cache_creation_input_tokens: 10 },
    } as never,
  },
  { type: 'ping' },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } as never },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Let me ' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'look.' } },
  { type: 'content_block_stop', index: 1 },
  { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_9', name: 'lookup', input: {} } as never },
  { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"q": "vol' } },
  { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'ume 105"}' } },
  { type: 'content_block_stop', index: 2 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null } as never, usage: { output_tokens: 42 } as never },
  { type: 'message_stop' },
];

describe('anthropic-messages decoder', () => {
  it('reads an Anthropic stream (ping, a thinking block skipped, text, tool_use in fragments) into IR events', () => {
    const d = anthropicDecoder();
    const events = upstreamStream.flatMap((e) => d.read(frame(e)));
    expect(events[0]).toEqual({ type: 'start', id: 'msg_01', model: 'claude-sonnet-4-5', usage: { inputTokens: 15, outputTokens: 1, cacheReadTokens: 200, cacheWriteTokens: 10 } });
    expect(events.filter((e) => e.type === 'block_stop').map((e) => e.index)).toEqual([1, 2]);
    expect(events.slice(-3)).toEqual([{ type: 'stop', stopReason: 'tool_use' }, { type: 'usage', usage: { outputTokens: 42 } }, { type: 'end' }]);
    expect(accumulate(events)).toEqual({
      id: 'msg_01',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'toolu_9', name: 'lookup', input: { q: 'volume 105' } }],
      stopReason: 'tool_use',
      usage: { inputTokens: 15, outputTokens: 42, cacheReadTokens: 200, cacheWriteTokens: 10 },
    });
  });

  it('turns event: error into UpstreamStreamError carrying the Anthropic error type; refuses frames that are not JSON', () => {
    const d = anthropicDecoder();
    expect(() => d.read(frame({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }))).toThrow(expect.objectContaining({ upstreamType: 'overloaded_error', message: 'Overloaded' }));
    expect(() => d.read({ event: 'error', data: '{"type":"error","error":{"type":"api_error","message":"x"}}' })).toThrow(UpstreamStreamError);
    expect(() => d.read({ data: 'not json' })).toThrow(MalformedResponseError);
  });

  it('maps stop reasons: refusal → content_filter, context window → max_tokens, stop_sequence with its sequence', () => {
    const read = (delta: object) => anthropicDecoder().read({ data: JSON.stringify({ type: 'message_delta', delta, usage: { output_tokens: 1 } }) })[0];
    expect(read({ stop_reason: 'refusal', stop_sequence: null })).toEqual({ type: 'stop', stopReason: 'content_filter' });
    expect(read({ stop_reason: 'model_context_window_exceeded', stop_sequence: null })).toEqual({ type: 'stop', stopReason: 'max_tokens' });
    expect(read({ stop_reason: 'stop_sequence', stop_sequence: '##' })).toEqual({ type: 'stop', stopReason: 'stop_sequence', stopSequence: '##' });
  });
});

describe('Anthropic response → IR → OpenAI response', () => {
  it('keeps text, tool calls, stop reason and usage (cache reads become cached_tokens, prompt_tokens counts all input)', () => {
    const message = {
      id: 'msg_02',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'text', text: 'Calling.', citations: null },
        { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 9, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 },
    } as unknown as Message;
    const ir = parseAnthropicResult(message);
    const openai = renderOpenAIChatResult(ir, { id: 'chatcmpl-7', created: 9, model: 'sonnet', includeUsage: false }) as unknown as ChatCompletion;
    expect(openai.choices[0]).toEqual({
      index: 0,
      logprobs: null,
      finish_reason: 'tool_calls',
      message: { role: 'assistant', content: 'Calling.', refusal: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
    });
    expect(openai.usage).toEqual({ prompt_tokens: 125, completion_tokens: 9, total_tokens: 134, prompt_tokens_details: { cached_tokens: 100 } });
  });

  it('refuses a body that is not a message', () => {
    expect(() => parseAnthropicResult({ type: 'error' })).toThrow(MalformedResponseError);
  });
});
