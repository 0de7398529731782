import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { accumulate, eventsOfResult } from '../../ir/accumulate.ts';
import type { IrResult } from '../../ir/types.ts';
import { MalformedResponseError, UpstreamStreamError } from '../errors.ts';
import { framesOf } from '../testing.ts';
import { openAIChatDecoder } from './decoder.ts';
import { openAIChatEncoder } from './encoder.ts';
import { parseOpenAIChatResult } from './result.ts';

const sse = (chunks: (ChatCompletionChunk | string)[]) => chunks.map((c) => `data: ${typeof c === 'string' ? c : JSON.stringify(c)}\n\n`).join('');
const chunk = (choices: ChatCompletionChunk['choices'], usage?: ChatCompletionChunk['usage']): ChatCompletionChunk => ({
  id: 'chatcmpl-9',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-2024',
  choices,
  ...(usage !== undefined ? { usage } : {}),
});
const decodeAll = (text: string) => {
  const d = openAIChatDecoder();
  return framesOf(text).flatMap((f) => d.read(f));
};

describe('openai-chat decoder', () => {
  it('reads an OpenAI tool-call stream with the usage chunk into IR events that accumulate to the answer', () => {
    const events = decodeAll(
      sse([
        chunk([{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '1}' } }] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } }] }, finish_reason: null }]),
        chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
        chunk([], { prompt_tokens: 50, completion_tokens: 7, total_tokens: 57, prompt_tokens_details: { cached_tokens: 30 } }),
        '[DONE]',
      ]),
    );
    expect(events).toEqual([
      { type: 'start', id: 'chatcmpl-9', model: 'gpt-4o-2024' },
      { type: 'tool_start', index: 0, id: 'call_a', name: 'f' },
      { type: 'tool_delta', index: 0, json: '{"x":' },
      { type: 'tool_delta', index: 0, json: '1}' },
      { type: 'block_stop', index: 0 },
      { type: 'tool_start', index: 1, id: 'call_b', name: 'g' },
      { type: 'tool_delta', index: 1, json: '{}' },
      { type: 'block_stop', index: 1 },
      { type: 'stop', stopReason: 'tool_use' },
      { type: 'usage', usage: { inputTokens: 20, outputTokens: 7, cacheReadTokens: 30 } },
      { type: 'end' },
    ]);
    expect(accumulate(events).content).toEqual([
      { type: 'tool_use', id: 'call_a', name: 'f', input: { x: 1 } },
      { type: 'tool_use', id: 'call_b', name: 'g', input: {} },
    ]);
  });

  it('decodes what the encoder writes back to the same answer (text, tools, stop, usage)', () => {
    const result: IrResult = {
      id: 'chatcmpl-1',
      model: 'gpt-test',
      content: [{ type: 'text', text: 'Hi — 東京' }, { type: 'tool_use', id: 't1', name: 'f', input: { a: [1, { b: null }] } }],
      stopReason: 'tool_use',
      usage: { inputTokens: 3, outputTokens: 4, cacheReadTokens: 2 },
    };
    const enc = openAIChatEncoder({ id: 'chatcmpl-1', created: 1, model: 'gpt-test', includeUsage: true });
    const text = eventsOfResult(result).map((e) => enc.write(e)).join('');
    const back = accumulate(decodeAll(text));
    expect(back).toEqual(result);
  });

  it('separates tool calls that all carry index 0 (or none) by their ids, as some compatible servers send them; refuses fragments for a closed call', () => {
    const events = decodeAll(
      sse([
        chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'a1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { tool_calls: [{ id: 'b2', type: 'function', function: { name: 'g', arguments: '{}' } } as never] }, finish_reason: null }]),
        chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
        '[DONE]',
      ]),
    );
    expect(accumulate(events).content).toEqual([
      { type: 'tool_use', id: 'a1', name: 'f', input: { x: 1 } },
      { type: 'tool_use', id: 'b2', name: 'g', input: {} },
    ]);
    const interleaved = sse([
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'a1', type: 'function', function: { name: 'f', arguments: '{' } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'text' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '}' } }] }, finish_reason: null }]),
    ]);
    expect(() => decodeAll(interleaved)).toThrow('interleaves');
  });

  it('turns an in-stream {"error":…} into UpstreamStreamError with the upstream type', () => {
    const d = openAIChatDecoder();
    d.read({ data: JSON.stringify(chunk([{ index: 0, delta: { content: 'a' }, finish_reason: null }])) });
    expect(() => d.read({ data: '{"error":{"message":"overloaded","type":"server_error","code":null}}' })).toThrow(UpstreamStreamError);
    expect(() => d.read({ data: '{"error":{"message":"slow down","type":"rate_limit_exceeded"}}' })).toThrow(
      expect.objectContaining({ upstreamType: 'rate_limit_exceeded', message: 'slow down', code: 'FM_PROVIDER_STREAM_BROKEN' }),
    );
  });

  it('refuses [DONE] before any finish_reason and frames that are not JSON', () => {
    expect(() => decodeAll(sse([chunk([{ index: 0, delta: { content: 'a' }, finish_reason: null }]), '[DONE]']))).toThrow(MalformedResponseError);
    expect(() => openAIChatDecoder().read({ data: '{nope' })).toThrow(MalformedResponseError);
  });
});

describe('parseOpenAIChatResult', () => {
  it('reads a chat.completion with tool calls and cached tokens', () => {
    const body: ChatCompletion = {
      id: 'chatcmpl-2',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: 'tool_calls',
          message: { role: 'assistant', content: 'ok', refusal: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"q":"x"}' } }] },
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 4 } },
    };
    expect(parseOpenAIChatResult(body)).toEqual({
      id: 'chatcmpl-2',
      model: 'gpt-4o',
      content: [{ type: 'text', text: 'ok' }, { type: 'tool_use', id: 'c', name: 'f', input: { q: 'x' } }],
      stopReason: 'tool_use',
      usage: { inputTokens: 6, outputTokens: 2, cacheReadTokens: 4 },
    });
  });

  it('keeps a refusal as text with stop reason content_filter; rejects bodies without a choice or with non-object arguments', () => {
    const refusal = { model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: null, refusal: 'I cannot.' } }] };
    expect(parseOpenAIChatResult(refusal)).toMatchObject({ content: [{ type: 'text', text: 'I cannot.' }], stopReason: 'content_filter' });
    expect(() => parseOpenAIChatResult({ choices: [] })).toThrow(MalformedResponseError);
    const bad = { choices: [{ finish_reason: 'tool_calls', message: { tool_calls: [{ id: 'c', function: { name: 'f', arguments: '"x"' } }] } }] };
    expect(() => parseOpenAIChatResult(bad)).toThrow('not a JSON object');
  });
});
