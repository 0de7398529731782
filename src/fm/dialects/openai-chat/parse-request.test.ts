import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { DialectRequestError } from '../errors.ts';
import { parseOpenAIChatRequest } from './parse-request.ts';

const parse = (body: ChatCompletionCreateParams | Record<string, unknown>) => parseOpenAIChatRequest(body as unknown as Record<string, unknown>);

function refusal(body: Record<string, unknown>): DialectRequestError {
  try {
    parse(body);
  } catch (err) {
    expect(err).toBeInstanceOf(DialectRequestError);
    return err as DialectRequestError;
  }
  throw new Error('expected a DialectRequestError');
}

const toolLoop: ChatCompletionCreateParams = {
  model: 'gpt-test',
  messages: [
    { role: 'developer', content: 'Be brief.' },
    { role: 'system', content: [{ type: 'text', text: 'Use tools.' }] },
    { role: 'user', content: 'Weather in Paris and Tokyo?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Tokyo"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rain' }] },
    { role: 'user', content: [{ type: 'text', text: 'Thanks. And this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }, { type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'low' } }] },
  ],
  tools: [{ type: 'function', function: { name: 'weather', description: 'Weather now', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } }],
  tool_choice: { type: 'function', function: { name: 'weather' } },
  parallel_tool_calls: false,
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
  n: 1,
  seed: 7,
  stop: 'END',
  max_tokens: 50,
  max_completion_tokens: 100,
  temperature: 1.5,
  top_p: 0.9,
  user: 'u-1',
  metadata: { team: 'a' },
  stream: true,
  stream_options: { include_usage: true },
  frequency_penalty: 0.5,
  logit_bias: null,
};

describe('parseOpenAIChatRequest', () => {
  it('parses every modelled field of a two-turn tool loop into the IR, the rest into extra', () => {
    expect(parse(toolLoop)).toEqual({
      model: 'gpt-test',
      origin: 'openai-chat',
      stream: true,
      includeUsage: true,
      system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Use tools.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Tokyo?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'call_2', name: 'weather', input: { city: 'Tokyo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 'call_1', content: [{ type: 'text', text: 'sunny' }] },
            { type: 'tool_result', toolUseId: 'call_2', content: [{ type: 'text', text: 'rain' }] },
            { type: 'text', text: 'Thanks. And this?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } },
          ],
        },
      ],
      tools: [{ name: 'weather', description: 'Weather now', inputSchema: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }],
      toolChoice: { type: 'tool', name: 'weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      n: 1,
      seed: 7,
      stopSequences: ['END'],
      maxTokens: 100,
      temperature: 1.5,
      topP: 0.9,
      user: 'u-1',
      extra: { metadata: { team: 'a' }, frequency_penalty: 0.5 },
    });
  });

  it('reads the small forms: required tool_choice, json_object, stop list, logprobs, null as absent', () => {
    const ir = parse({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'f' } }],
      tool_choice: 'required',
      response_format: { type: 'json_object' },
      stop: ['a', 'b'],
      logprobs: true,
      top_logprobs: 2,
      temperature: null,
      max_tokens: 9,
    });
    expect(ir).toMatchObject({ toolChoice: { type: 'any' }, responseFormat: { type: 'json_object' }, stopSequences: ['a', 'b'], logprobs: true, topLogprobs: 2, maxTokens: 9, stream: false });
    expect(ir.tools?.[0]?.inputSchema).toEqual({ type: 'object', properties: {} });
    expect(ir).not.toHaveProperty('temperature');
    expect(ir).not.toHaveProperty('extra');
  });

  it.each([
    ['a tool message answering no call', { messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'call_9', content: 'r' }] }, 'messages[1].tool_call_id'],
    [
      'a tool message answering a call of an older turn',
      {
        messages: [
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: 'r' },
          { role: 'tool', tool_call_id: 'c1', content: 'again' },
        ],
      },
      'messages[2].tool_call_id',
    ],
    ['arguments that are not JSON', { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }] }, 'messages[0].tool_calls[0].function.arguments'],
    ['arguments that are a JSON array', { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '[1]' } }] }] }, 'messages[0].tool_calls[0].function.arguments'],
    [
      'a tool call left unanswered',
      { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'user', content: 'next' }] },
      'messages[0].tool_calls[0].id',
    ],
    ['a custom tool', { messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'custom', custom: { name: 'g' } }] }, 'tools[0].type'],
    ['tool_choice naming an absent tool', { messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: { type: 'function', function: { name: 'g' } } }, 'tool_choice.function.name'],
    ['tool_choice required without tools', { messages: [{ role: 'user', content: 'x' }], tool_choice: 'required' }, 'tool_choice'],
    ['the deprecated function role', { messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'messages[0].role'],
    ['an audio part', { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }] }, 'messages[0].content[0].type'],
    ['an image URL that is neither http nor data', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }] }, 'messages[0].content[0].image_url.url'],
    ['stream_options without stream', { messages: [], stream_options: { include_usage: true } }, 'stream_options'],
    ['top_logprobs without logprobs', { messages: [], top_logprobs: 3 }, 'top_logprobs'],
    ['a fractional n', { messages: [], n: 1.5 }, 'n'],
  ])('refuses %s, naming the field as the client wrote it', (_what, body, path) => {
    const err = refusal({ model: 'm', ...body });
    expect(err.code).toBe('FM_REQUEST_INVALID');
    expect(err.status).toBe(400);
    expect((err.details as { path: string }[])[0]!.path).toBe(path);
    expect(err.message).toContain(path.replace(/\.id$/, ''));
  });
});
