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

/** Consecutive messages of one role merged (Converse requires alternation; Anthropic merges them anyway). */
export function mergeTurns<M extends { role: string; content: unknown[] }>(messages: M[]): M[] {
  const out: M[] = [];
  for (const m of messages) {
    const last = out.at(-1);
    if (last && last.role === m.role) out[out.length - 1] = { ...last, content: [...last.content, ...m.content] };
    else out.push({ ...m, content: [...m.content] });
  }
  return out;
}
