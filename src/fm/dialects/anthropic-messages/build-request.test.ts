import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../../ir/types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { parseOpenAIChatRequest } from '../openai-chat/parse-request.ts';
import type { TargetInfo } from '../types.ts';
import { buildAnthropicRequest } from './build-request.ts';
import { parseAnthropicRequest } from './parse-request.ts';

const target: TargetInfo = { modelId: 'claude-sonnet-4-5', alias: 'sonnet', provider: 'anthropic', maxTokens: 1024 };

const openAIToolLoop: ChatCompletionCreateParams = {
  model: 'sonnet',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather here?' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } }] },
    { role: 'assistant', content: 'Checking.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }, { id: 'call_2', type: 'function', function: { name: 'time', arguments: '' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'snow' },
    { role: 'tool', tool_call_id: 'call_2', content: '09:00' },
    { role: 'user', content: 'So?' },
  ],
  tools: [
    { type: 'function', function: { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
    { type: 'function', function: { name: 'time', parameters: { type: 'object' } } },
  ],
  tool_choice: 'required',
  parallel_tool_calls: false,
  stop: ['END'],
  temperature: 0.5,
  max_completion_tokens: 300,
  user: 'u-1',
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
};

describe('buildAnthropicRequest', () => {
  it('translates an OpenAI tool loop into the Anthropic body the SDK types', () => {
    const body = buildAnthropicRequest(parseOpenAIChatRequest(openAIToolLoop as never), target) as unknown as MessageCreateParamsNonStreaming;
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather here?' }, { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Oslo' } },
            { type: 'tool_use', id: 'call_2', name: 'time', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: 'snow' }] },
            { type: 'tool_result', tool_use_id: 'call_2', content: [{ type: 'text', text: '09:00' }] },
            { type: 'text', text: 'So?' },
          ],
        },
      ],
      tools: [
        { name: 'weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
        { name: 'time', input_schema: { type: 'object' } },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      temperature: 0.5,
      metadata: { user_id: 'u-1' },
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
    });
  });

  it('round-trips OpenAI request → IR → Anthropic body → IR with nothing lost', () => {
    const ir = parseOpenAIChatRequest(openAIToolLoop as never);
    const back = parseAnthropicRequest(buildAnthropicRequest(ir, target));
    const { origin: _a, model: _m, responseFormat, ...rest } = ir;
    // json_schema's name is an OpenAI identifier Anthropic has no place for; the schema itself survives.
    expect(back).toEqual({ ...rest, model: 'claude-sonnet-4-5', origin: 'anthropic-messages', responseFormat: { type: 'json_schema', schema: (responseFormat as { schema: unknown }).schema } });
  });

  it('round-trips an Anthropic body through the IR unchanged (same dialect: extra such as thinking forwarded)', () => {
    const original = {
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image', source: { type: 'url', url: 'https://e/x.png' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'r' }], is_error: true }] },
      ],
      tools: [{ name: 'f', input_schema: { type: 'object' }, strict: true }],
      tool_choice: { type: 'tool', name: 'f' },
      top_k: 5,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    };
    expect(buildAnthropicRequest(parseAnthropicRequest(original), target)).toEqual(original);
  });

  it('leaves out blank text and the turns it empties, then merges same-role turns (Anthropic refuses empty content)', () => {
    const ir = parseOpenAIChatRequest({
      model: 'sonnet',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'second' },
      ],
    });
    expect(buildAnthropicRequest(ir, target).messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'first' }, { type: 'text', text: 'second' }] }]);
  });

  it("sends no tool_choice for OpenAI's tool_choice none without tools (nothing to choose from)", () => {
    const ir = parseOpenAIChatRequest({ model: 'sonnet', messages: [{ role: 'user', content: 'x' }], tool_choice: 'none' });
    expect(buildAnthropicRequest(ir, target)).not.toHaveProperty('tool_choice');
  });

  it('accepts store: false from an OpenAI client (nothing is stored either way) but refuses store: true', () => {
    const ir: IrRequest = { model: 'sonnet', origin: 'openai-chat', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], extra: { store: false } };
    expect(buildAnthropicRequest(ir, target)).not.toHaveProperty('store');
    expect(() => buildAnthropicRequest({ ...ir, extra: { store: true } }, target)).toThrow('store is not supported by model sonnet');
  });

  it.each([
    ['n', { n: 2 }],
    ['logprobs', { logprobs: true }],
    ['seed', { seed: 1 }],
    ['temperature', { temperature: 1.5 }],
    ['response_format', { responseFormat: { type: 'json_object' } }],
    ['frequency_penalty', { extra: { frequency_penalty: 0.2 } }],
    ['messages[0].content[0]', { messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/bmp', data: 'Qk0=' } }] }] }],
  ] as [string, Partial<IrRequest>][])('refuses %s with a 400 naming the field and the model', (field, patch) => {
    const ir: IrRequest = { model: 'sonnet', origin: 'openai-chat', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], ...patch };
    const run = () => buildAnthropicRequest(ir, target);
    expect(run).toThrow(UnsupportedFieldError);
    expect(run).toThrow(`${field} is not supported by model sonnet (provider anthropic)`);
  });
});
