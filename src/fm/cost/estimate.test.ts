import { describe, expect, it } from 'vitest';
import { estimateInputTokens, estimateTextTokens, TOKENS_PER_IMAGE, TOKENS_PER_MESSAGE } from './estimate.ts';

describe('input token estimate', () => {
  it('counts about four characters per token, rounding up', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('abcd')).toBe(1);
    expect(estimateTextTokens('abcde')).toBe(2);
  });

  it('adds system prompt, per-message framing, images and context passages', () => {
    const tokens = estimateInputTokens({
      system: 'a'.repeat(40),
      messages: [
        { role: 'user', content: 'b'.repeat(8) },
        { role: 'user', content: [{ type: 'text', text: 'c'.repeat(4) }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }] },
      ],
      context: [{ id: 'kb1', title: 'dddd', text: 'e'.repeat(12) }],
    });

    expect(tokens).toBe(10 + (TOKENS_PER_MESSAGE + 2) + (TOKENS_PER_MESSAGE + 1 + TOKENS_PER_IMAGE) + (1 + 3));
  });
});
