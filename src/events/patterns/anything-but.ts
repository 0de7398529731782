import { patternError } from './errors.ts';
import { numberProblem } from './numeric.ts';
import { parseWildcard } from './wildcard.ts';
import type { Matcher } from './types.ts';

const MIXED = 'Inside anything but list, either all values are number or string, mixed type is not supported';
const BAD_VALUE = 'Value of anything-but must be an array or single string/number value.';
const IGNORE_CASE_TYPE = 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';

type InnerOp = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

function exactNumber(path: string, n: number): Matcher {
  const problem = numberProblem(n);
  if (problem !== null) throw patternError(path, problem);
  return { kind: 'exact', value: n };
}

function plainList(path: string, values: unknown[]): Matcher[] {
  let strings = 0;
  let numbers = 0;
  const out: Matcher[] = [];
  for (const v of values) {
    if (typeof v === 'string') {
      strings++;
      out.push({ kind: 'exact', value: v });
    } else if (typeof v === 'number') {
      numbers++;
      out.push(exactNumber(path, v));
    } else {
      throw patternError(path, 'Inside anything but list, start|null|boolean is not supported.');
    }
  }
  if ((strings > 0) === (numbers > 0)) throw patternError(path, MIXED);
  return out;
}

function innerMatcher(path: string, op: InnerOp, value: unknown): Matcher {
  if (typeof value !== 'string') {
    if (op === 'equals-ignore-case') throw patternError(path, IGNORE_CASE_TYPE);
    if (op === 'wildcard') throw patternError(path, 'wildcard match pattern must be a string');
    throw patternError(path, 'prefix/suffix match pattern must be a string');
  }
  switch (op) {
    case 'equals-ignore-case':
      return { kind: 'equals-ignore-case', value };
    case 'wildcard':
      return { kind: 'wildcard', value, segments: parseWildcard(path, value) };
    case 'prefix':
    case 'suffix':
      if (value === '') throw patternError(path, 'Null prefix/suffix not allowed');
      return { kind: op, value, ignoreCase: false };
  }
}

function isInnerOp(op: string): op is InnerOp {
  return op === 'equals-ignore-case' || op === 'prefix' || op === 'suffix' || op === 'wildcard';
}

function fromObject(path: string, spec: Record<string, unknown>): Matcher[] {
  const keys = Object.keys(spec);
  const op = keys[0];
  if (op === undefined) throw patternError(path, 'Anything-But expression name not found');
  if (!isInnerOp(op)) throw patternError(path, `Unsupported anything-but pattern: ${op}`);
  const value = spec[op];
  if (typeof value !== 'string' && typeof value !== 'number' && !Array.isArray(value)) {
    throw patternError(path, BAD_VALUE);
  }
  const matchers = Array.isArray(value) ? value.map((v) => innerMatcher(path, op, v)) : [innerMatcher(path, op, value)];
  if (keys.length > 1) throw patternError(path, 'Too many elements in numeric expression');
  return matchers;
}

/** Parses the operand of `anything-but` into the matchers it excludes. */
export function parseAnythingBut(path: string, spec: unknown): Matcher {
  if (typeof spec === 'string') return { kind: 'anything-but', not: [{ kind: 'exact', value: spec }] };
  if (typeof spec === 'number') return { kind: 'anything-but', not: [exactNumber(path, spec)] };
  if (Array.isArray(spec)) return { kind: 'anything-but', not: plainList(path, spec) };
  if (spec !== null && typeof spec === 'object') {
    return { kind: 'anything-but', not: fromObject(path, spec as Record<string, unknown>) };
  }
  throw patternError(path, BAD_VALUE);
}
