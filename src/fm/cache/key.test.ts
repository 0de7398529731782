import { describe, expect, it } from 'vitest';
import type { CompletionRequest } from '../types.ts';
import { cacheKeyOf, cacheScope } from './key.ts';

const base: Omit<CompletionRequest, 'signal'> = {
  model: 'anthropic.claude-3-haiku-20240307-v1:0',
  system: 'You are MangaAssist.',
  messages: [{ role: 'user', content: 'Is One Piece 105 in stock?' }],
  maxTokens: 1024,
  temperature: 0.3,
  topP: 0.9,
  stopSequences: ['\n\nHuman:'],
};
const key = (req: object, scope = 'tenant:acme', provider = 'bedrock') =>
  cacheKeyOf(scope, provider, req as Omit<CompletionRequest, 'signal'>);

describe('cache key', () => {
  it('is stable for equal requests, whatever the property order, and ignores the AbortSignal', () => {
    const reordered = { stopSequences: base.stopSequences, topP: 0.9, temperature: 0.3, maxTokens: 1024, messages: base.messages, system: base.system, model: base.model };

    expect(key(reordered)).toBe(key(base));
    expect(key({ ...base, signal: new AbortController().signal })).toBe(key(base));
    expect(key(base)).toMatch(/^fm:resp:[0-9a-f]{64}$/);
  });

  it('changes with every parameter that changes the output', () => {
    const variants: object[] = [
      { ...base, model: 'anthropic.claude-3-sonnet-20240229-v1:0' },
      { ...base, system: 'You are terse.' },
      { ...base, messages: [{ role: 'user', content: 'Is One Piece 106 in stock?' }] },
      { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'Is One Piece 105 in stock?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] }] },
      { ...base, maxTokens: 1025 },
      { ...base, temperature: 0.31 },
      { ...base, topP: 0.95 },
      { ...base, stopSequences: ['END'] },
      { ...base, context: [{ id: 'kb-1', text: 'Stock policy' }] },
      { ...base, tools: [{ name: 'lookup_stock' }] },
    ];

    const keys = new Set([key(base), ...variants.map((v) => key(v))]);

    expect(keys.size).toBe(variants.length + 1);
  });

  it('separates tenants and providers; a shared scope is one for all tenants', () => {
    expect(key(base, cacheScope('acme', false))).not.toBe(key(base, cacheScope('globex', false)));
    expect(key(base, 'tenant:acme', 'anthropic')).not.toBe(key(base, 'tenant:acme', 'bedrock'));
    expect(key(base, cacheScope('acme', true))).toBe(key(base, cacheScope('globex', true)));
  });
});
