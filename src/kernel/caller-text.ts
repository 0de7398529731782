import { ValidationError } from './errors.ts';

// With the `u` flag a surrogate pair is one code point, so \p{Cs} matches only
// a lone (unpaired) surrogate.
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * Why a string cannot be kept as text, or `undefined` when it can. PostgreSQL
 * refuses U+0000 in text ("invalid byte sequence for encoding UTF8: 0x00") and
 * both drivers silently turn a lone surrogate into U+FFFD when they encode
 * UTF-8, so neither survives a round trip through a text column. Identifiers,
 * names and other text fields carrying them are refused (400) on every store;
 * JSON payloads keep them, because JSON.stringify writes them as `\u0000` and
 * `\ud800` escapes, which round-trip exactly.
 */
export function textProblem(value: string): string | undefined {
  if (!UNSTORABLE.test(value)) return undefined;
  return value.includes('\0') ? 'contains U+0000 (NUL)' : 'contains a lone surrogate (half of a UTF-16 pair, U+D800–U+DFFF)';
}

/** The 400 every text check throws: `TEXT_INVALID`, naming the field. */
export function invalidText(what: string, problem: string): ValidationError {
  return new ValidationError('TEXT_INVALID', `${what} ${problem}, which is not valid text; send it inside a JSON payload if it is data`, {
    details: { field: what },
  });
}

/** Throws `TEXT_INVALID` unless `value` can be stored as text. */
export function assertText(value: string, what: string): void {
  const problem = textProblem(value);
  if (problem !== undefined) throw invalidText(what, problem);
}
