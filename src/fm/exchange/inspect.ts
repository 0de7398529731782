/**
 * What the gateway reads from a wire body without translating it: images
 * (routing skips text-only models), the latest user text (`auto` routing)
 * and the output cap (budgets). Cheap walks over the parsed body; anything
 * malformed here reads as "none" — the provider (or the translator) is the
 * one that refuses a malformed body.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const messagesOf = (body: Obj): unknown[] => (Array.isArray(body.messages) ? body.messages : []);

export function openaiHasImages(body: Obj): boolean {
  for (const m of messagesOf(body)) {
    if (isObj(m) && Array.isArray(m.content) && m.content.some((p) => isObj(p) && (p.type === 'image_url' || p.type === 'input_image'))) return true;
  }
  return false;
}

export function anthropicHasImages(body: Obj): boolean {
  const hasImage = (blocks: unknown): boolean =>
    Array.isArray(blocks) && blocks.some((b) => isObj(b) && (b.type === 'image' || (b.type === 'tool_result' && hasImage(b.content))));
  return messagesOf(body).some((m) => isObj(m) && hasImage(m.content));
}

/** The text of the last user message (text parts only). */
export function latestUserText(body: Obj): string {
  const messages = messagesOf(body);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isObj(m) || m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (!Array.isArray(m.content)) return '';
    const texts = m.content.flatMap((p) => (isObj(p) && p.type === 'text' && typeof p.text === 'string' ? [p.text] : []));
    if (texts.length > 0 || m.content.every((p) => !isObj(p) || p.type !== 'tool_result')) return texts.join(' ');
  }
  return '';
}

export function openaiMaxTokens(body: Obj): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens;
  return typeof v === 'number' && v > 0 ? v : undefined;
}

export function anthropicMaxTokens(body: Obj): number | undefined {
  return typeof body.max_tokens === 'number' && body.max_tokens > 0 ? body.max_tokens : undefined;
}
