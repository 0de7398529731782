import { patternError } from './errors.ts';

/**
 * More wildcards than this in one value is refused as "too complex". EventBridge
 * rejects patterns by a state-machine complexity score we cannot see; five is
 * the largest count its documented and observed examples accept.
 */
export const MAX_WILDCARDS = 5;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/** event-ruler reports positions as UTF-8 byte offsets inside the quoted value. */
function quotedBytePosition(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8') + 1;
}

/**
 * Splits a wildcard value into literal segments around unescaped `*`
 * (`\*` is a literal star, `\\` a literal backslash; any other escape is an error).
 */
export function parseWildcard(path: string, text: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '*') {
      if (text[i + 1] === '*') throw patternError(path, `Consecutive wildcard characters at pos ${quotedBytePosition(text, i)}`);
      segments.push(current);
      current = '';
    } else if (ch === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') throw patternError(path, `Invalid escape character at pos ${quotedBytePosition(text, i)}`);
      current += next;
      i++;
    } else {
      current += ch;
    }
  }
  segments.push(current);
  if (segments.length - 1 > MAX_WILDCARDS) throw patternError(path, TOO_COMPLEX);
  return segments;
}

/**
 * Glob match: segments[0] is a prefix, the last segment a suffix, and the ones
 * between occur in order. Greedy left-most placement is exact for `*`-only globs.
 */
export function wildcardMatches(segments: readonly string[], value: string): boolean {
  const first = segments[0] ?? '';
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1] ?? '';
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let pos = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const seg = segments[i] ?? '';
    const at = value.indexOf(seg, pos);
    if (at < 0 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}
