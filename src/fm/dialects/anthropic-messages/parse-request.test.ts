import type { MessageCreateParams } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { DialectRequestError } from '../errors.ts';
import { parseAnthropicRequest } from './parse-request.ts';

/**
 * SDK 1.12 dropped temperature / top_p / top_k from its request types (newer
 * models refuse sampling parameters); the API still takes them for older
 * models at anthropic-version 2023-06-01, and clients still send them.
 */
type Params = MessageCreateParams & { temperature?: number; top_p?: number; top_k?: number };
const parse = (body: Params | Record<string, unknown>) => parseAnthropicRequest(body as unknown as Record<string, unknown>);

const toolLoop: Params = {
  model: 'claude-x',
  max_tokens: 512,
  system: [
    { type: 'text', text: 'You are terse.' },
    { type: 'text', text: 'Long shared prefix', cache_control: { type: 'ephemeral', ttl: '1h' } },
  ],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } }, { type: 'image', source: { type: 'url', url: 'https://e.com/a.png' } }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'a' } }] },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'not found' }], is_error: true, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Try harder.' },
      ],
    },
  ],
  tools: [{ name: 'lookup', description: 'Look up', input_schema: { type: 'object', properties: { q: { type: 'string' } } }, cache_control: { type: 'ephemeral' } }],
  tool_choice: { type: 'any', disable_parallel_tool_use: true },
  stop_sequences: ['##'],
  temperature: 0.3,
  top_p: 0.8,
  top_k: 20,
  metadata: { user_id: 'u-7' },
  output_config: { format: { type: 'json_schema', schema: { type: 'object' } }, effort: 'low' },
  thinking: { type: 'enabled', budget_tokens: 1024 },
  stream: true,
};

describe('parseAnthropicRequest', () => {
  it('parses system blocks, images, a tool loop, tools, choice, sampling, metadata and output_config into the IR', () => {
    expect(parse(toolLoop)).toEqual({
      model: 'claude-x',
      origin: 'anthropic-messages',
      stream: true,
      maxTokens: 512,
      system: [{ type: 'text', text: 'You are terse.' }, { type: 'text', text: 'Long shared prefix', cacheControl: { type: 'ephemeral', ttl: '1h' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
            { type: 'image', source: { kind: 'url', url: 'https://e.com/a.png' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'a' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 'toolu_1', content: [{ type: 'text', text: 'not found' }], isError: true, cacheControl: { type: 'ephemeral' } },
            { type: 'text', text: 'Try harder.' },
          ],
        },
      ],
      tools: [{ name: 'lookup', description: 'Look up', inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, cacheControl: { type: 'ephemeral' } }],
      toolChoice: { type: 'any' },
      parallelToolCalls: false,
      stopSequences: ['##'],
      temperature: 0.3,
      topP: 0.8,
      topK: 20,
      user: 'u-7',
      responseFormat: { type: 'json_schema', schema: { type: 'object' } },
      extra: { thinking: { type: 'enabled', budget_tokens: 1024 }, output_config: { effort: 'low' } },
    });
  });

  it('reads a count_tokens body (no max_tokens) and string content', () => {
    const ir = parse({ model: 'm', messages: [{ role: 'user', content: 'hello' }], system: 'sys' });
    expect(ir).toEqual({ model: 'm', origin: 'anthropic-messages', stream: false, system: [{ type: 'text', text: 'sys' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] });
  });

  it.each([
    ['a tool_result answering no tool_use', { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'r' }] }] }, 'messages[0].content[0].tool_use_id'],
    [
      'a tool_use left unanswered',
      { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] }, { role: 'user', content: 'next' }] },
      'messages[1].content[0].id',
    ],
    ['a server tool', { messages: [], tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools[0].type'],
    ['an Anthropic-only tool option', { messages: [], tools: [{ name: 'f', input_schema: { type: 'object' }, defer_loading: true }] }, 'tools[0].defer_loading'],
    ['a document block', { messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'x' } }] }] }, 'messages[0].content[0].type'],
    ['a file image source', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f1' } }] }] }, 'messages[0].content[0].source.type'],
    ['temperature above 1', { messages: [], temperature: 1.5 }, 'temperature'],
    ['tool_choice naming an absent tool', { messages: [], tools: [{ name: 'f', input_schema: {} }], tool_choice: { type: 'tool', name: 'g' } }, 'tool_choice.name'],
    ['a system role', { messages: [{ role: 'system', content: 'x' }] }, 'messages[0].role'],
    ['unknown metadata', { messages: [], metadata: { user_id: 'u', team: 't' } }, 'metadata.team'],
    ['a bad cache_control ttl', { messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '2h' } }] }] }, 'messages[0].content[0].cache_control.ttl'],
  ])('refuses %s, naming the field', (_what, body, path) => {
    let error: unknown;
    try {
      parse({ model: 'm', max_tokens: 10, ...body });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DialectRequestError);
    expect((error as DialectRequestError).details).toEqual([expect.objectContaining({ path })]);
  });
});
