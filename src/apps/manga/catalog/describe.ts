import type { Product } from '../types.ts';

export interface WrittenDescription {
  description: string;
  tags: string[];
}

const STOP = new Set(['the', 'and', 'with', 'from', 'that', 'this', 'their', 'into', 'only', 'every', 'where', 'when', 'what', 'they', 'them', 'must', 'about', 'after', 'before', 'volume', 'until', 'while', 'which', 'whose', 'other', 'there', 'being']);

/** Sentences of English or Japanese text (。！？ end Japanese ones). */
export function sentences(text: string): string[] {
  return (text.match(/[^.!?。！？]+[.!?。！？]+["')」』]?|[^.!?。！？]+$/g) ?? []).map((s) => s.trim()).filter((s) => s !== '');
}

function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/^#/, '').replace(/\s+/g, ' ').slice(0, 40);
}

/** Exactly `n` distinct tags: the given ones first, then the fallbacks. */
export function fiveTags(given: readonly string[], fallback: readonly string[], n = 5): string[] {
  const out: string[] = [];
  for (const t of [...given, ...fallback].map(normaliseTag)) {
    if (t !== '' && !out.includes(t)) out.push(t);
    if (out.length === n) break;
  }
  return out;
}

/** Deterministic tags from the product itself: genre, catalogue tags, edition, then synopsis keywords. */
export function productTags(p: Product): string[] {
  const words = (p.synopsis.toLowerCase().match(/[a-z][a-z-]{4,}/g) ?? []).filter((w) => !STOP.has(w));
  const byLength = [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return [p.genre, ...p.tags, p.language === 'ja' ? 'japanese edition' : 'english edition', ...byLength, 'manga'];
}

export const DESCRIBE_SYSTEM =
  'You write product copy for a Japanese manga store. Write a 2–3 sentence description that would appeal to manga fans, ' +
  'without spoilers beyond the synopsis. Then, on a new line, write "Tags: " followed by exactly 5 comma-separated search tags.';

export function describePrompt(p: Product): string {
  return [
    `Title: ${p.title}${p.title_alt ? ` (${p.title_alt})` : ''}`,
    `Author: ${p.author}`,
    `Genre: ${p.genre}`,
    `Volume: ${p.volume}`,
    `Edition: ${p.language === 'ja' ? 'Japanese' : 'English'}`,
    `Synopsis: ${p.synopsis}`,
  ].join('\n');
}

/**
 * Reads the model's answer: the description is the text before `Tags:`, cut
 * to 3 sentences; tags are the comma-separated list after it, topped up to 5
 * from the product's own. Undefined when there is no description at all.
 */
export function parseDescription(answer: string, p: Product): WrittenDescription | undefined {
  const at = answer.search(/^\s*\**tags\**\s*[:：]/im);
  const body = (at >= 0 ? answer.slice(0, at) : answer).replace(/^\s*\**description\**\s*[:：]\s*/i, '').trim();
  const given = at >= 0 ? answer.slice(at).replace(/^\s*\**tags\**\s*[:：]/i, '').split(/[,、\n]/) : [];
  const description = sentences(body).slice(0, 3).join(' ');
  if (description.length < 20) return undefined;
  return { description, tags: fiveTags(given, productTags(p)) };
}

/**
 * The offline stand-in, used when the answering model is the offline provider
 * (which can only quote): two sentences built from the catalogue record,
 * stored with source `offline-template` so nobody mistakes them for AI copy.
 */
export function templateDescription(p: Product): WrittenDescription {
  const [premise, arc] = sentences(p.synopsis);
  const ja = p.language === 'ja';
  const first = ja
    ? `${p.author}による${p.genre}作品『${p.title}』第${p.volume}巻。`
    : `Volume ${p.volume} of ${p.title}, the ${p.genre} series by ${p.author}.`;
  const description = [first, premise, arc].filter((s): s is string => s !== undefined).slice(0, 3).join(ja ? '' : ' ');
  return { description, tags: fiveTags([], productTags(p)) };
}
