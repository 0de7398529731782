import { parseAnythingBut } from './anything-but.ts';
import { patternError } from './errors.ts';
import { parseCidr, parseIp } from './ip.ts';
import { parseNumeric } from './numeric.ts';
import { parseWildcard } from './wildcard.ts';
import type { Matcher } from './types.ts';

const ONE_KEY = 'Only one key allowed in match expression';

/** An exact value from a leaf array; IP literals compare by address, as in event-ruler. */
export function exactMatcher(value: string | number | boolean | null): Matcher {
  if (typeof value === 'string') {
    const ip = parseIp(value);
    return ip === null ? { kind: 'exact', value } : { kind: 'exact', value, ip };
  }
  return { kind: 'exact', value };
}

function stringOperand(path: string, op: string, value: unknown): string {
  if (typeof value !== 'string') throw patternError(path, `${op} match pattern must be a string`);
  return value;
}

/** `{"prefix": {"equals-ignore-case": "x"}}` and its suffix twin. */
function ignoreCaseAffix(path: string, op: 'prefix' | 'suffix', spec: Record<string, unknown>): Matcher {
  const title = op === 'prefix' ? 'Prefix' : 'Suffix';
  const keys = Object.keys(spec);
  const inner = keys[0];
  if (inner === undefined) throw patternError(path, `${title} expression name not found`);
  if (inner !== 'equals-ignore-case') throw patternError(path, `Unsupported ${op} pattern: ${inner}`);
  const value = stringOperand(path, 'equals-ignore-case', spec[inner]);
  if (keys.length > 1) throw patternError(path, ONE_KEY);
  return { kind: op, value, ignoreCase: true };
}

function affix(path: string, op: 'prefix' | 'suffix', value: unknown): Matcher {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return ignoreCaseAffix(path, op, value as Record<string, unknown>);
  }
  return { kind: op, value: stringOperand(path, op, value), ignoreCase: false };
}

function single(path: string, op: string, value: unknown): Matcher {
  switch (op) {
    case 'exactly':
      return { kind: 'exact', value: stringOperand(path, 'exact', value) };
    case 'prefix':
    case 'suffix':
      return affix(path, op, value);
    case 'equals-ignore-case':
      return { kind: 'equals-ignore-case', value: stringOperand(path, op, value) };
    case 'wildcard': {
      const text = stringOperand(path, op, value);
      return { kind: 'wildcard', value: text, segments: parseWildcard(path, text) };
    }
    case 'cidr':
      return { kind: 'cidr', range: parseCidr(path, value) };
    case 'exists':
      if (typeof value !== 'boolean') throw patternError(path, 'exists match pattern must be either true or false.');
      return { kind: 'exists', value };
    case 'numeric':
      return { kind: 'numeric', range: parseNumeric(path, value) };
    case 'anything-but':
      return parseAnythingBut(path, value);
    default:
      throw patternError(path, `Unrecognized match type ${op}`);
  }
}

/** Compiles one `{operator: operand}` element of a leaf array. */
export function parseMatchExpression(path: string, spec: Record<string, unknown>): Matcher {
  const keys = Object.keys(spec);
  const op = keys[0];
  if (op === undefined) throw patternError(path, 'Match expression name not found');
  const matcher = single(path, op, spec[op]);
  if (keys.length > 1) {
    const numericLike = op === 'numeric' || op === 'anything-but';
    throw patternError(path, numericLike ? 'Too many elements in numeric expression' : ONE_KEY);
  }
  return matcher;
}
