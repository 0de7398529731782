import type { ChatMessage, CompletionRequest, ContentPart, ContextPassage } from '../types.ts';
import { ProviderError } from './errors.ts';

/**
 * Shared request shaping for the LLM adapters. Retrieved passages travel in
 * `req.context`; an LLM sees them appended to the system prompt, each tagged
 * with its id so the answer can cite it.
 */
export function systemWithContext(req: CompletionRequest): string | undefined {
  const passages = req.context ?? [];
  if (passages.length === 0) return req.system;
  const rendered = renderPassages(passages);
  return req.system ? `${req.system}\n\n${rendered}` : rendered;
}

export function renderPassages(passages: ContextPassage[]): string {
  const blocks = passages.map((p) => `[${p.id}]${p.title ? ` ${p.title}` : ''}\n${p.text}`);
  return `Context passages (cite them by their [id]):\n\n${blocks.join('\n\n')}`;
}

export function partsOf(message: ChatMessage): ContentPart[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

const MEDIA_TYPES: Record<string, ImageMediaType> = {
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/png': 'image/png',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
};

/** The four image types every supported API accepts; anything else is refused before the call. */
export function imageMediaType(provider: string, mediaType: string): ImageMediaType {
  const known = MEDIA_TYPES[mediaType.toLowerCase()];
  if (!known) {
    throw new ProviderError(`${provider}: image media type ${mediaType} is not supported (jpeg, png, gif, webp)`, {
      kind: 'client',
      provider,
    });
  }
  return known;
}
