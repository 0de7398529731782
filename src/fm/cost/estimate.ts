import type { ChatMessage, ContextPassage } from '../types.ts';

/**
 * A deliberately simple input-token estimate, used only to size budget
 * reservations before the call (the provider's reported usage settles the
 * real cost): about 4 characters per token for English text (OpenAI's and
 * Anthropic's rule of thumb; CJK text runs nearer 1–2 characters per token,
 * so Japanese prompts are under-estimated — the output side, reserved at
 * max_tokens, usually dominates), 4 tokens of framing per message, and 1,600
 * tokens per image (Anthropic's figure for a maximum-size ~1.15 megapixel image).
 */
export const CHARS_PER_TOKEN = 4;
export const TOKENS_PER_MESSAGE = 4;
export const TOKENS_PER_IMAGE = 1600;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export interface EstimableInput {
  system?: string;
  messages: readonly ChatMessage[];
  context?: readonly ContextPassage[];
}

export function estimateInputTokens(input: EstimableInput): number {
  let tokens = input.system ? estimateTextTokens(input.system) : 0;
  for (const message of input.messages) {
    tokens += TOKENS_PER_MESSAGE;
    if (typeof message.content === 'string') {
      tokens += estimateTextTokens(message.content);
      continue;
    }
    for (const part of message.content) {
      tokens += part.type === 'text' ? estimateTextTokens(part.text) : TOKENS_PER_IMAGE;
    }
  }
  for (const passage of input.context ?? []) {
    tokens += estimateTextTokens(passage.text) + (passage.title ? estimateTextTokens(passage.title) : 0);
  }
  return tokens;
}
