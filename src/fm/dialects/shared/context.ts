import type { IrContextPassage, IrTextPart } from '../../ir/types.ts';

/**
 * Hashi `context` passages, for a provider that is a real LLM: appended to the
 * system prompt as one more block, each passage tagged with its id so the
 * answer can cite it (the same text the gateway has always sent).
 */
export function systemWithContext(system: IrTextPart[] | undefined, context: IrContextPassage[] | undefined): IrTextPart[] {
  const blocks = [...(system ?? [])];
  if (context && context.length > 0) blocks.push({ type: 'text', text: renderPassages(context) });
  return blocks;
}

export function renderPassages(passages: IrContextPassage[]): string {
  const blocks = passages.map((p) => `[${p.id}]${p.title ? ` ${p.title}` : ''}\n${p.text}`);
  return `Context passages (cite them by their [id]):\n\n${blocks.join('\n\n')}`;
}

/**
 * Turns as Anthropic and Converse accept them: turns left empty dropped
 * (builders leave out blank text, which both refuse and which carries
 * nothing) and consecutive turns of one role merged (Converse requires
 * alternation; Anthropic merges them anyway).
 */
export function mergeTurns<M extends { role: string; content: unknown[] }>(messages: M[]): M[] {
  const out: M[] = [];
  for (const m of messages) {
    if (m.content.length === 0) continue;
    const last = out.at(-1);
    if (last && last.role === m.role) out[out.length - 1] = { ...last, content: [...last.content, ...m.content] };
    else out.push({ ...m, content: [...m.content] });
  }
  return out;
}

/** Blank text: left out of Anthropic and Converse bodies. */
export const isBlankText = (p: { type: string; text?: string }): boolean => p.type === 'text' && p.text === '';
