import type { ChatMessage, ContentPart } from '../types.ts';

/**
 * What a session keeps of a message. Images are not stored (they would be
 * re-sent, and re-billed, on every later turn): each becomes a short text
 * note saying an image was there.
 */
export function storable(message: ChatMessage): ChatMessage {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  const parts: ContentPart[] = message.content.map((p) =>
    p.type === 'image' ? { type: 'text', text: `[image ${p.mediaType} omitted from history]` } : { type: 'text', text: p.text },
  );
  return { role: message.role, content: parts };
}

/**
 * Keeps at most `max` messages, dropping the oldest, and never starts the
 * history with an assistant message (providers expect a user turn first).
 */
export function trimHistory(messages: readonly ChatMessage[], max: number): ChatMessage[] {
  let kept = messages.slice(Math.max(0, messages.length - max));
  while (kept.length > 0 && kept[0]!.role !== 'user') kept = kept.slice(1);
  return kept;
}
