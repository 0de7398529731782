import { transformError } from './errors.ts';

/** One step of a supported JSONPath: a field, an array index, or `*`. */
export type PathStep = { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface JsonPath {
  text: string;
  steps: PathStep[];
  /** A wildcard makes the result the list of every match. */
  multi: boolean;
}

export const MAX_PATH_LENGTH = 256;
// EventBridge: dot notation with alphanumerics, dashes, underscores and forward slashes.
const FIELD = /^[A-Za-z0-9_\-/:@]+/;

/**
 * Parses the JSONPath subset EventBridge evaluates: `$`, `.field`, `[index]`
 * and `*` (as `.*` or `[*]`). Bracketed names (`$['a']`), filters, slices and
 * recursive descent are refused.
 */
export function parseJsonPath(text: string): JsonPath {
  const bad = (reason: string) => transformError('INPUT_PATH_INVALID', `JSONPath ${JSON.stringify(text)} is not valid: ${reason}`, { path: text, reason });
  if (typeof text !== 'string' || text.length === 0) throw bad('it is empty');
  if (text.length > MAX_PATH_LENGTH) throw bad(`longer than ${MAX_PATH_LENGTH} characters`);
  if (!text.startsWith('$')) throw bad('it must start with $');
  const steps: PathStep[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith('..')) throw bad('recursive descent (..) is not supported');
    if (rest.startsWith('.*')) {
      steps.push({ kind: 'wildcard' });
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      const m = FIELD.exec(rest.slice(1));
      if (m === null) throw bad(`expected a field name after "." at "${rest}"`);
      steps.push({ kind: 'field', name: m[0] });
      rest = rest.slice(1 + m[0].length);
    } else if (rest.startsWith('[*]')) {
      steps.push({ kind: 'wildcard' });
      rest = rest.slice(3);
    } else if (/^\[[0-9]+\]/.test(rest)) {
      const close = rest.indexOf(']');
      steps.push({ kind: 'index', index: Number(rest.slice(1, close)) });
      rest = rest.slice(close + 1);
    } else if (rest.startsWith('[')) {
      throw bad('use dot notation; only [index] and [*] are allowed in brackets');
    } else {
      throw bad(`unexpected "${rest[0]}"`);
    }
  }
  return { text, steps, multi: steps.some((s) => s.kind === 'wildcard') };
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

function step(values: unknown[], s: PathStep): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (s.kind === 'wildcard') out.push(...children(v));
    else if (s.kind === 'index') {
      if (Array.isArray(v) && s.index < v.length) out.push(v[s.index]);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, s.name)) {
      out.push((v as Record<string, unknown>)[s.name]);
    }
  }
  return out;
}

/**
 * The value at a path: `undefined` when a plain path finds nothing; for a path
 * with a wildcard, the array of every match (possibly empty).
 */
export function evaluateJsonPath(path: JsonPath, document: unknown): unknown {
  let values: unknown[] = [document];
  for (const s of path.steps) values = step(values, s);
  return path.multi ? values : values[0];
}
