import type { Token } from './analysis/analyzer.ts';

/** Escape for HTML text and attribute context. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([c, e]) => [e, c]));

/**
 * A snippet as plain text, for a terminal: each `<mark>…</mark>` through
 * `mark`, every entity escapeHtml wrote turned back into its character.
 */
export function snippetText(html: string, mark: (text: string) => string = (t) => `*${t}*`): string {
  const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => UNESCAPES[e]!);
  return html
    .split(/(<mark>[^<]*<\/mark>)/)
    .map((part) => (part.startsWith('<mark>') ? mark(decode(part.slice(6, -7))) : decode(part)))
    .join('');
}
const SENTENCE_END = /[.!?]+["'\u201d\u2019)\]]*\s+|[\u3002\uff01\uff1f]+|\n+/g;
const ELLIPSIS = '\u2026';

/**
 * A window of about `maxChars` around the sentence with the most distinct
 * matched terms (ties: more matches, then earlier), HTML-escaped, with `<mark>`
 * around every token whose analysed term the query contains — so `running`
 * highlights `runs`. `tokens` are the analyser's tokens of `text`, offsets
 * included. With no match, the opening of the text.
 */
export function buildSnippet(text: string, tokens: readonly Token[], matchTerms: ReadonlySet<string>, maxChars = 200): string {
  const hits = mergeRanges(tokens.filter((t) => matchTerms.has(t.term)).map((t) => [t.start, t.end] as const));
  const [start, end] = chooseWindow(text, tokens, matchTerms, hits, maxChars);
  let html = start > 0 ? ELLIPSIS : '';
  let pos = start;
  for (const [s, e] of hits) {
    if (e <= start || s >= end) continue;
    const ms = Math.max(s, start);
    const me = Math.min(e, end);
    html += escapeHtml(text.slice(pos, ms)) + '<mark>' + escapeHtml(text.slice(ms, me)) + '</mark>';
    pos = me;
  }
  html += escapeHtml(text.slice(pos, end));
  return end < text.length ? html + ELLIPSIS : html;
}

type Range = readonly [number, number];

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function chooseWindow(text: string, tokens: readonly Token[], terms: ReadonlySet<string>, hits: Range[], maxChars: number): Range {
  if (text.length <= maxChars) return [0, text.length];
  const best = bestSentence(text, tokens, terms);
  if (best === undefined) return [0, snapEnd(text, maxChars, 0)];
  const [s, e] = best;
  let start = s;
  if (e - s > maxChars) {
    // A long sentence: start a little before its first hit so the hit has context.
    const first = hits.find(([hs]) => hs >= s);
    if (first !== undefined) start = Math.max(s, first[0] - Math.floor(maxChars / 4));
  }
  // Near the end of the text, pull the window back so it still fills maxChars.
  start = Math.max(0, Math.min(start, text.length - maxChars));
  start = snapStart(text, start, s);
  return [start, snapEnd(text, start + maxChars, start)];
}

function bestSentence(text: string, tokens: readonly Token[], terms: ReadonlySet<string>): Range | undefined {
  const bounds = [0];
  for (const m of text.matchAll(SENTENCE_END)) bounds.push(m.index + m[0].length);
  bounds.push(text.length);
  let best: Range | undefined;
  let bestDistinct = 0;
  let bestCount = 0;
  let t = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [s, e] = [bounds[i]!, bounds[i + 1]!];
    if (e <= s) continue;
    const distinct = new Set<string>();
    let count = 0;
    for (; t < tokens.length && tokens[t]!.start < e; t++) {
      if (terms.has(tokens[t]!.term)) {
        distinct.add(tokens[t]!.term);
        count++;
      }
    }
    if (distinct.size > bestDistinct || (distinct.size === bestDistinct && count > bestCount)) {
      best = [s, e];
      bestDistinct = distinct.size;
      bestCount = count;
    }
  }
  return bestDistinct > 0 ? best : undefined;
}

/** Move a start that falls inside a word forward to the word's end (never past `limit` chars away). */
function snapStart(text: string, start: number, sentenceStart: number): number {
  if (start === 0 || start === sentenceStart || /\s/.test(text[start - 1]!)) return start;
  for (let i = start; i < Math.min(text.length, start + 20); i++) if (/\s/.test(text[i]!)) return i + 1;
  return start;
}

/** Cut at the last whitespace before `end` when one is near; CJK text without spaces is cut hard. */
function snapEnd(text: string, end: number, start: number): number {
  if (end >= text.length) return text.length;
  if (/\s/.test(text[end]!)) return end;
  for (let i = end - 1; i > Math.max(start, end - 30); i--) if (/\s/.test(text[i]!)) return i;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end; // never split a surrogate pair
}
