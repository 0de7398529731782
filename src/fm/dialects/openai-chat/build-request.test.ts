import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../../ir/types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import type { TargetInfo } from '../types.ts';
import { buildOpenAIChatRequest } from './build-request.ts';
import { parseOpenAIChatRequest } from './parse-request.ts';

const target: TargetInfo = { modelId: 'llama3.1:8b', alias: 'local', provider: 'ollama', maxTokens: 256 };

describe('buildOpenAIChatRequest', () => {
  it('builds a tool loop from an Anthropic-origin IR: system with context, tool results as tool messages, is_error said in words', () => {
    const ir: IrRequest = {
      model: 'local',
      origin: 'anthropic-messages',
      stream: false,
      system: [{ type: 'text', text: 'Be brief.', cacheControl: { type: 'ephemeral' } }],
      context: [{ id: 'doc-1', title: 'Stock', text: 'Volume 105 is in stock.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', toolUseId: 'toolu_1', content: [{ type: 'text', text: 'timeout' }], isError: true },
            { type: 'text', text: 'Try again. ' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
          ],
        },
      ],
      tools: [{ name: 'weather', inputSchema: { type: 'object' }, cacheControl: { type: 'ephemeral' } }],
      toolChoice: { type: 'any' },
      parallelToolCalls: false,
      topK: 40,
      stopSequences: ['END'],
      temperature: 0.2,
      user: 'u1',
    };
    const body = buildOpenAIChatRequest(ir, target) as unknown as ChatCompletionCreateParamsNonStreaming;
    expect(body).toEqual({
      model: 'llama3.1:8b',
      messages: [
        { role: 'system', content: 'Be brief.\n\nContext passages (cite them by their [id]):\n\n[doc-1] Stock\nVolume 105 is in stock.' },
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'Error: timeout' },
        { role: 'user', content: [{ type: 'text', text: 'Try again. ' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      ],
      max_tokens: 256,
      temperature: 0.2,
      top_k: 40,
      stop: ['END'],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      user: 'u1',
    });
  });

  it('round-trips an OpenAI request through the IR (same dialect: extra fields forwarded verbatim)', () => {
    const original = {
      model: 'gpt',
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'Q' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'R' },
      ],
      tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' }, strict: true } },
      seed: 3,
      max_tokens: 10,
      frequency_penalty: 0.1,
      store: true,
    };
    const body = buildOpenAIChatRequest(parseOpenAIChatRequest(original), { ...target, modelId: 'gpt' });
    expect(body).toEqual(original);
  });

  it.each([
    ['n', { n: 2 }],
    ['logprobs', { logprobs: true, topLogprobs: 2 }],
    ['thinking', { extra: { thinking: { type: 'enabled', budget_tokens: 1024 } } }],
    ['messages[0].content (image in a tool_result)', { messages: [{ role: 'user', content: [{ type: 'tool_result', toolUseId: 't', content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] }] }] }],
  ] as [string, Partial<IrRequest>][])('refuses %s with a 400 naming the field and the model', (field, patch) => {
    const ir: IrRequest = { model: 'local', origin: 'anthropic-messages', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], ...patch };
    const run = () => buildOpenAIChatRequest(ir, target);
    expect(run).toThrow(UnsupportedFieldError);
    expect(run).toThrow(`${field} is not supported by model local (provider ollama)`);
  });

  it('sends tool_choice none / parallel_tool_calls only beside tools (OpenAI refuses them alone)', () => {
    const ir: IrRequest = { model: 'local', origin: 'anthropic-messages', stream: false, messages: [], toolChoice: { type: 'none' }, parallelToolCalls: false };
    const body = buildOpenAIChatRequest(ir, target);
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('parallel_tool_calls');
  });

  it('ignores store: false from another dialect (it asks for nothing) but refuses store: true', () => {
    const ir: IrRequest = { model: 'local', origin: 'hashi', stream: false, messages: [], extra: { store: false } };
    expect(buildOpenAIChatRequest(ir, target)).not.toHaveProperty('store');
    expect(() => buildOpenAIChatRequest({ ...ir, extra: { store: true } }, target)).toThrow('store is not supported');
  });
});
