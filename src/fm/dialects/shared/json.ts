import { DialectRequestError } from '../errors.ts';

/** Small readers for client bodies: each names the field path it rejects, as the client wrote it. */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** null means "the default" in both OpenAI's and Anthropic's APIs, so it reads as absent. */
export function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

export function record(value: unknown, path: string): Json {
  if (!isRecord(value)) throw new DialectRequestError(path, `${path} must be an object`);
  return value;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new DialectRequestError(path, `${path} must be an array`);
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new DialectRequestError(path, `${path} must be a string`);
  return value;
}

export function optString(value: unknown, path: string): string | undefined {
  return present(value) ? string(value, path) : undefined;
}

export function optNumber(value: unknown, path: string): number | undefined {
  if (!present(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DialectRequestError(path, `${path} must be a number`);
  return value;
}

export function optInteger(value: unknown, path: string, min = 0): number | undefined {
  const n = optNumber(value, path);
  if (n !== undefined && (!Number.isInteger(n) || n < min)) throw new DialectRequestError(path, `${path} must be an integer ≥ ${min}`);
  return n;
}

export function optBoolean(value: unknown, path: string): boolean | undefined {
  if (!present(value)) return undefined;
  if (typeof value !== 'boolean') throw new DialectRequestError(path, `${path} must be a boolean`);
  return value;
}

/** A JSON text that must hold an object (tool-call arguments); '' reads as {} as the providers treat it. */
export function parseObjectText(text: string): Json | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The fields of `body` not in `known`, without null ones (null is the default, nothing to carry). */
export function extraFields(body: Json, known: ReadonlySet<string>): Json | undefined {
  let extra: Json | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (known.has(key) || !present(value)) continue;
    (extra ??= {})[key] = value;
  }
  return extra;
}

/** Sets `obj[key]` only when there is a value, so absent stays absent (exactOptionalPropertyTypes-friendly, and JSON stays minimal). */
export function setIf<T, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}
