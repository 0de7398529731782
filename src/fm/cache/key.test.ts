import { describe, expect, it } from 'vitest';
import { cacheKeyOf, cacheScope } from './key.ts';

// What a wire exchange hands the cache: the dialect, the provider and the body with the candidate's model.
const base = {
  d: 'openai-chat',
  p: 'bedrock',
  b: {
    model: 'anthropic.claude-3-haiku-20240307-v1:0',
    messages: [{ role: 'system', content: 'You are MangaAssist.' }, { role: 'user', content: 'Is One Piece 105 in stock?' }],
    max_tokens: 1024,
    temperature: 0.3,
    top_p: 0.9,
    stop: ['\n\nHuman:'],
  },
};
const key = (material: object, scope = 'tenant:acme') => cacheKeyOf(scope, material);

describe('cache key', () => {
  it('is stable for equal material, whatever the property order', () => {
    const reordered = { p: base.p, b: { stop: base.b.stop, top_p: 0.9, temperature: 0.3, max_tokens: 1024, messages: base.b.messages, model: base.b.model }, d: base.d };

    expect(key(reordered)).toBe(key(base));
    expect(key(base)).toMatch(/^fm:resp:[0-9a-f]{64}$/);
  });

  it('changes with every field that changes the output, tools and JSON mode included', () => {
    const variants: object[] = [
      { ...base, b: { ...base.b, model: 'anthropic.claude-3-sonnet-20240229-v1:0' } },
      { ...base, b: { ...base.b, messages: [{ role: 'user', content: 'Is One Piece 106 in stock?' }] } },
      { ...base, b: { ...base.b, max_tokens: 1025 } },
      { ...base, b: { ...base.b, temperature: 0.31 } },
      { ...base, b: { ...base.b, stop: ['END'] } },
      { ...base, b: { ...base.b, tools: [{ type: 'function', function: { name: 'lookup_stock', parameters: { type: 'object' } } }] } },
      { ...base, b: { ...base.b, tool_choice: 'required' } },
      { ...base, b: { ...base.b, response_format: { type: 'json_object' } } },
      { ...base, b: { ...base.b, stream: true } },
      { ...base, d: 'anthropic-messages' },
      { ...base, p: 'anthropic' },
    ];

    const keys = new Set([key(base), ...variants.map((v) => key(v))]);

    expect(keys.size).toBe(variants.length + 1);
  });

  it('separates tenants; a shared scope is one for all tenants', () => {
    expect(key(base, cacheScope('acme', false))).not.toBe(key(base, cacheScope('globex', false)));
    expect(key(base, cacheScope('acme', true))).toBe(key(base, cacheScope('globex', true)));
  });
});
