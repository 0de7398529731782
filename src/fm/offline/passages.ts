import type { IrContextPassage, IrRequest } from '../ir/types.ts';

/**
 * What the offline model may quote: the request's Hashi `context` passages
 * and every tool result the client supplied (cited by the tool call id,
 * titled with the tool's name), so a tool loop answered by the client gets
 * an answer quoting the tool's output.
 */
export function passagesOf(ir: IrRequest): IrContextPassage[] {
  const names = new Map<string, string>();
  const out: IrContextPassage[] = [...(ir.context ?? [])];
  for (const m of ir.messages) {
    for (const p of m.content) {
      if (p.type === 'tool_use') names.set(p.id, p.name);
      if (p.type !== 'tool_result') continue;
      const text = p.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n').trim();
      if (text === '') continue;
      const title = names.get(p.toolUseId);
      out.push(title === undefined ? { id: p.toolUseId, text } : { id: p.toolUseId, title, text });
    }
  }
  return out;
}

/** The question: the text of the latest user turn that has any (a turn of only tool results answers, it does not ask). */
export function questionOf(ir: IrRequest): string {
  for (let i = ir.messages.length - 1; i >= 0; i--) {
    const m = ir.messages[i]!;
    if (m.role !== 'user') continue;
    const text = m.content.map((p) => (p.type === 'text' ? p.text : '')).filter((t) => t !== '').join(' ');
    if (text !== '') return text;
  }
  return '';
}

export function hasImages(ir: IrRequest): boolean {
  return ir.messages.some((m) => m.content.some((p) => p.type === 'image' || (p.type === 'tool_result' && p.content.some((c) => c.type === 'image'))));
}
