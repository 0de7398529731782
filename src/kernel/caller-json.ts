import { ValidationError } from './errors.ts';

/**
 * How deep caller JSON may nest (objects and arrays), everywhere Hashi takes it:
 * request bodies, PutEvents `Detail`, event patterns, webhook bodies, files
 * given to the CLI. Every walk over such JSON (pattern matching, transformers,
 * hashing, JSON.stringify itself) is recursive, so a value nested a few
 * thousand levels deep would overflow the stack; 64 levels is far beyond any
 * real payload (a Stripe event nests about 6).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The limit for values Hashi builds around caller JSON (an event envelope
 * around a detail, `{ params, body }` hashed for idempotency): a few levels of
 * slack, so a caller value at the limit never trips a check made further in.
 */
export const MAX_WRAPPED_DEPTH = MAX_JSON_DEPTH + 8;

/**
 * The nesting depth of a JSON value (a scalar is 0, `{}` and `[]` are 1),
 * counted without recursion and stopping as soon as it passes `limit`, so the
 * answer for a hostile value costs no more than `limit` levels of walking.
 */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let max = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Object.values(item.value)) if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
  }
  return max;
}

/** The error every depth check throws: 400 `JSON_TOO_DEEP`, naming what and the limit. */
export function jsonTooDeep(what: string, limit = MAX_JSON_DEPTH): ValidationError {
  return new ValidationError('JSON_TOO_DEEP', `${what} is nested more than ${limit} levels deep; the limit is ${limit} levels of objects and arrays`, {
    details: { limit },
  });
}

/** Throws `JSON_TOO_DEEP` when `value` nests deeper than the limit; call it before any recursive walk. */
export function assertJsonDepth(value: unknown, what: string, limit = MAX_JSON_DEPTH): void {
  if (jsonDepth(value, limit) > limit) throw jsonTooDeep(what, limit);
}

/**
 * Parses caller JSON text and checks its depth before anything walks it
 * (V8's JSON.parse itself is not recursive). Syntax errors are left to the
 * caller, which knows how to word them.
 */
export function parseCallerJson(text: string, what: string, limit = MAX_JSON_DEPTH): unknown {
  const value = JSON.parse(text) as unknown;
  assertJsonDepth(value, what, limit);
  return value;
}

/**
 * Where the first non-finite number is (`body.a.b[2]`), or undefined: JSON can
 * write a number a double cannot hold (`1e309` parses as Infinity, and would be
 * stored as null). Walks without recursion; bound the depth first.
 */
export function nonFiniteNumberPath(value: unknown, root = 'body'): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'number' && !Number.isFinite(v)) return item.path;
    if (Array.isArray(v)) v.forEach((child, i) => stack.push({ value: child, path: `${item.path}[${i}]` }));
    else if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) stack.push({ value: child, path: `${item.path}.${k}` });
  }
  return undefined;
}
