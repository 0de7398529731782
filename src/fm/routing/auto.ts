import type { ChatMessage } from '../types.ts';
import type { AutoRouteConfig } from './config.ts';

/** Japanese and Chinese text has no spaces; count two such characters as one word. */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g;

export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const spaced = text.replace(CJK, ' ').split(/\s+/).filter(Boolean).length;
  return spaced + Math.ceil(cjk / 2);
}

/** The text of the latest user message: what is being asked now, not the whole history. */
export function latestUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    return m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(' ');
  }
  return '';
}

export type Complexity = 'simple' | 'complex';

export function classifyPrompt(text: string, config: AutoRouteConfig): Complexity {
  if (countWords(text) > config.wordThreshold) return 'complex';
  const lower = text.toLowerCase();
  return config.keywords.some((k) => lower.includes(k.toLowerCase())) ? 'complex' : 'simple';
}

/** The alias `auto` resolves to for the latest user message's text. */
export function chooseAutoModel(latestText: string, config: AutoRouteConfig): string {
  return classifyPrompt(latestText, config) === 'complex' ? config.large : config.small;
}
