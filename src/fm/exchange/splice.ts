/**
 * Edits to the top level of a JSON object's text without parsing it again:
 * pass-through forwards the client's own bytes with only `model` swapped
 * (and, for an OpenAI stream, `stream_options` added), so a number written
 * `1.0`, a key order, escapes and everything the route's schema would have
 * coerced reach the provider exactly as the client sent them — and a large
 * body (images) is not serialised a second time.
 *
 * The text has already been parsed by the body parser, so it is well-formed
 * JSON; anything unexpected still answers `undefined` and the caller falls
 * back to serialising the parsed value.
 */

/** Where one top-level member's value is in the text: `[start, end)`. */
export interface MemberSpan {
  key: string;
  start: number;
  end: number;
}

export interface ObjectSpans {
  members: MemberSpan[];
  /** Offset of the object's closing `}`. */
  close: number;
}

const WS = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/** The top-level members of the JSON object in `text`, or undefined if it is not one object. */
export function topLevelMembers(text: string): ObjectSpans | undefined {
  let i = skipWs(text, 0);
  if (text[i] !== '{') return undefined;
  i = skipWs(text, i + 1);
  const members: MemberSpan[] = [];
  if (text[i] === '}') return skipWs(text, i + 1) === text.length ? { members, close: i } : undefined;
  for (;;) {
    if (text[i] !== '"') return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const rawKey = text.slice(i, keyEnd);
    const key = rawKey.includes('\\') ? (JSON.parse(rawKey) as string) : rawKey.slice(1, -1);
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const start = skipWs(text, i + 1);
    const end = valueEnd(text, start);
    if (end < 0) return undefined;
    members.push({ key, start, end });
    i = skipWs(text, end);
    if (text[i] === ',') {
      i = skipWs(text, i + 1);
      continue;
    }
    if (text[i] !== '}') return undefined;
    return skipWs(text, i + 1) === text.length ? { members, close: i } : undefined;
  }
}

/** One edit: replace `[at, to)` with `text`. */
export interface Splice {
  at: number;
  to: number;
  text: string;
}

/** `text` with the edits applied (they must not overlap). */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const s of sorted) {
    out += text.slice(from, s.at) + s.text;
    from = s.to;
  }
  return out + text.slice(from);
}

/**
 * Sets top-level members to the given JSON values: an existing member's
 * value is replaced in place, a missing one appended before the closing
 * brace. Undefined when the text is not one object or a member to set is
 * written more than once (which one a provider reads is not ours to guess).
 */
export function setTopLevel(text: string, values: Readonly<Record<string, unknown>>): string | undefined {
  const spans = topLevelMembers(text);
  if (!spans) return undefined;
  const splices: Splice[] = [];
  let appended = '';
  let count = spans.members.length;
  for (const [key, value] of Object.entries(values)) {
    const found = spans.members.filter((m) => m.key === key);
    if (found.length > 1) return undefined;
    const json = JSON.stringify(value);
    if (found.length === 1) splices.push({ at: found[0]!.start, to: found[0]!.end, text: json });
    else appended += `${count++ > 0 ? ',' : ''}${JSON.stringify(key)}:${json}`;
  }
  if (appended) splices.push({ at: spans.close, to: spans.close, text: appended });
  return applySplices(text, splices);
}

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text[i]!)) i++;
  return i;
}

/** Offset just past the string starting at `i` (a `"`), or -1. Jumps quote to quote: long strings (base64 images) cost little. */
function stringEnd(text: string, i: number): number {
  let q = i;
  for (;;) {
    q = text.indexOf('"', q + 1);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let k = q - 1; text[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
  }
}

/** Offset just past the value starting at `i`, or -1. Depth is counted, not recursed into (the parser already bounded it). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let k = i;
    while (k < text.length) {
      const ch = text[k]!;
      if (ch === '"') {
        k = stringEnd(text, k);
        if (k < 0) return -1;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return k + 1;
      }
      k++;
    }
    return -1;
  }
  let k = i;
  while (k < text.length) {
    const ch = text[k]!;
    if (ch === ',' || ch === '}' || ch === ']' || WS.has(ch)) break;
    k++;
  }
  return k > i ? k : -1;
}
