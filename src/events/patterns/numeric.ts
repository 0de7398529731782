import { patternError } from './errors.ts';
import type { NumericRange } from './types.ts';

/** event-ruler's ComparableNumber bounds: ±5e11 with at most six decimal places. */
const LIMIT = 5e11;
const MAX_DECIMALS = 6;

function decimalPlaces(n: number): number {
  const text = String(n);
  const [mantissa = '', exponent] = text.split('e');
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fraction - (exponent === undefined ? 0 : Number(exponent)));
}

/** Why a number cannot take part in numeric matching, or null when it can. */
export function numberProblem(n: number): string | null {
  if (!Number.isFinite(n) || n < -LIMIT || n > LIMIT) {
    return 'Value must be between -5.0E11 and 5.0E11, inclusive';
  }
  if (decimalPlaces(n) > MAX_DECIMALS) return 'Only values upto 6 decimals are supported';
  return null;
}

/** Event values outside the comparable domain never match numeric operators (as in event-ruler). */
export function isComparable(n: number): boolean {
  return numberProblem(n) === null;
}

function describe(token: unknown): string {
  if (token === undefined) return ']';
  return typeof token === 'string' ? token : JSON.stringify(token);
}

function requireNumber(path: string, token: unknown, operator: string): number {
  if (typeof token !== 'number') {
    throw patternError(path, `Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  }
  const problem = numberProblem(token);
  if (problem !== null) throw patternError(path, problem);
  return token;
}

/**
 * Parses the array of a `numeric` operator with event-ruler's grammar:
 * `= n`, `< n`, `<= n`, `> n`, `>= n`, or `>`/`>=` n followed by `<`/`<=` m with n < m.
 */
export function parseNumeric(path: string, spec: unknown): NumericRange {
  if (!Array.isArray(spec)) throw patternError(path, 'Value of numeric must be an array.');
  const [op, first, op2, second, ...rest] = spec as unknown[];
  if (typeof op !== 'string') throw patternError(path, `Invalid member in numeric match: ${describe(op)}`);
  const tooMany = (): never => { throw patternError(path, 'Too many elements in numeric expression'); };
  switch (op) {
    case '=': {
      const n = requireNumber(path, first, op);
      if (spec.length > 2) tooMany();
      return { low: n, lowOpen: false, high: n, highOpen: false };
    }
    case '<':
    case '<=': {
      const n = requireNumber(path, first, op);
      if (spec.length > 2) tooMany();
      return { low: -Infinity, lowOpen: false, high: n, highOpen: op === '<' };
    }
    case '>':
    case '>=': {
      const low = requireNumber(path, first, op);
      const lowOpen = op === '>';
      if (spec.length === 2) return { low, lowOpen, high: Infinity, highOpen: false };
      if (typeof op2 !== 'string') throw patternError(path, `Bad value in numeric range: ${describe(op2)}`);
      if (op2 !== '<' && op2 !== '<=') throw patternError(path, `Bad numeric range operator: ${op2}`);
      const high = requireNumber(path, second, op2);
      if (rest.length > 0) throw patternError(path, 'Too many terms in numeric range expression');
      if (!(low < high)) throw patternError(path, 'Bottom must be less than top');
      return { low, lowOpen, high, highOpen: op2 === '<' };
    }
    default:
      throw patternError(path, `Unrecognized numeric range operator: ${op}`);
  }
}

export function inRange(range: NumericRange, n: number): boolean {
  if (n < range.low || (range.lowOpen && n === range.low)) return false;
  if (n > range.high || (range.highOpen && n === range.high)) return false;
  return true;
}
