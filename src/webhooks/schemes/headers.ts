import type { IncomingHeaders } from './types.ts';

/**
 * A header's value, looked up case-insensitively (HTTP header names are).
 * A repeated header arrives as an array; the first value is used, which is
 * safe because whatever is taken must still carry a valid signature.
 * Empty or whitespace-only values count as absent.
 */
export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const raw = headers[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed !== '') return trimmed;
  }
  return undefined;
}

/** The first of several header names that is present, with the name that matched. */
export function firstHeader(headers: IncomingHeaders, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}
