import OpenAI from 'openai';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { openAIChat, UnsupportedFieldError } from '../dialects/index.ts';
import { fakeFetch } from '../dialects/testing.ts';
import { accumulate } from '../ir/accumulate.ts';
import type { IrRequest } from '../ir/types.ts';
import { OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from '../providers/offline.ts';
import { OFFLINE_NO_TOOLS, offlineComplete, offlineCountTokens, offlineStream } from './index.ts';

const MODEL = 'offline/extractive';
const toolLoop: ChatCompletionCreateParams = {
  model: 'haiku',
  messages: [
    { role: 'user', content: 'Is volume 105 in stock?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'stock_lookup', arguments: '{"volume":105}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'Volume 105 is in stock: 12 copies in the Osaka warehouse. Volume 104 is sold out.' },
  ],
  tools: [{ type: 'function', function: { name: 'stock_lookup', parameters: { type: 'object', properties: { volume: { type: 'integer' } } } } }],
};
const ir = (patch: Partial<IrRequest> = {}): IrRequest => ({ model: 'haiku', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'Is volume 105 in stock?' }] }], ...patch });

describe('offline model on the IR', () => {
  it('answers the second turn of a tool loop by quoting the tool result the client supplied, cited by its call id — through the openai SDK', async () => {
    const request = openAIChat.parseRequest(toolLoop as never);
    const result = offlineComplete(request, MODEL);
    expect(result.content).toEqual([{ type: 'text', text: 'Volume 105 is in stock: 12 copies in the Osaka warehouse. Volume 104 is sold out. [call_1]' }]);
    expect(result.stopReason).toBe('end_turn');
    expect(result.content.some((p) => p.type === 'tool_use')).toBe(false);
    const json = openAIChat.renderResult(result, { id: 'chatcmpl-o', created: 1, model: 'haiku', includeUsage: false });
    const sdk = await new OpenAI({ apiKey: 'k', baseURL: 'http://h/v1', fetch: fakeFetch({ json }) }).chat.completions.create(toolLoop as never);
    expect(sdk.choices[0]!.message.content).toContain('12 copies');
    expect(sdk.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('never invents a tool call: with tools and nothing to quote it says it cannot call them; tool_choice any/tool is refused', () => {
    const offered = ir({ tools: [{ name: 'stock_lookup', inputSchema: {} }] });
    expect(offlineComplete(offered, MODEL).content).toEqual([{ type: 'text', text: `${OFFLINE_NO_CONTEXT} ${OFFLINE_NO_TOOLS}` }]);
    for (const toolChoice of [{ type: 'any' }, { type: 'tool', name: 'stock_lookup' }] as const) {
      const run = () => offlineComplete({ ...offered, toolChoice }, MODEL);
      expect(run).toThrow(UnsupportedFieldError);
      expect(run).toThrow(/^tool_choice is not supported by model haiku \(provider offline\): the offline model never calls tools/);
    }
  });

  it('quotes context passages; says so when none match; says it cannot see images', () => {
    const context = [{ id: 'kb-1', title: 'Stock', text: 'Volume 105 ships Friday. Shipping is free.' }];
    expect(offlineComplete(ir({ context }), MODEL).content).toEqual([{ type: 'text', text: 'Volume 105 ships Friday. [kb-1]' }]);
    expect(offlineComplete(ir({ context: [{ id: 'x', text: 'Unrelated gardening tips.' }] }), MODEL).content[0]).toEqual({ type: 'text', text: OFFLINE_NO_MATCH });
    const withImage = ir({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } }] }] });
    expect((offlineComplete(withImage, MODEL).content[0] as { text: string }).text.startsWith(OFFLINE_NO_IMAGES)).toBe(true);
  });

  it('JSON mode answers a JSON object; a JSON schema, n > 1, logprobs and unknown fields are refused by name', () => {
    const text = (offlineComplete(ir({ responseFormat: { type: 'json_object' } }), MODEL).content[0] as { text: string }).text;
    expect(JSON.parse(text)).toEqual({ answer: OFFLINE_NO_CONTEXT, offline: true });
    const cases: [string, Partial<IrRequest>][] = [
      ['response_format', { responseFormat: { type: 'json_schema', schema: { type: 'object' } } }],
      ['n', { n: 2 }],
      ['logprobs', { logprobs: true }],
      ['thinking', { extra: { thinking: { type: 'enabled', budget_tokens: 1000 } } }],
    ];
    for (const [field, patch] of cases) expect(() => offlineComplete(ir(patch), MODEL)).toThrow(`${field} is not supported by model haiku (provider offline)`);
    expect(() => offlineComplete(ir({ extra: { frequency_penalty: 1, store: false } }), MODEL)).not.toThrow();
  });

  it('streams the same answer word by word as well-formed events; stop sequences and max tokens cut it', () => {
    const context = [{ id: 'kb-1', text: 'Volume 105 ships Friday from Osaka.' }];
    const events = offlineStream(ir({ context }), MODEL);
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(3);
    expect(accumulate(events)).toEqual(offlineComplete(ir({ context }), MODEL));
    expect(offlineComplete(ir({ context, stopSequences: ['Friday'] }), MODEL)).toMatchObject({ content: [{ text: 'Volume 105 ships' }], stopReason: 'stop_sequence', stopSequence: 'Friday' });
    expect(offlineComplete(ir({ context, maxTokens: 2 }), MODEL)).toMatchObject({ content: [{ text: 'Volume 105' }], stopReason: 'max_tokens', usage: { outputTokens: 2 } });
  });

  it('counts input tokens over system, texts, tool calls and results, and passages', () => {
    expect(offlineCountTokens(ir())).toBe(5);
    expect(offlineCountTokens(ir({ system: [{ type: 'text', text: 'Be brief.' }], context: [{ id: 'a', title: 'T', text: 'one two' }] }))).toBe(5 + 2 + 3);
    expect(offlineCountTokens(openAIChat.parseRequest(toolLoop as never))).toBeGreaterThan(20);
  });
});
