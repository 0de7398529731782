import { assertJsonDepth } from '../../kernel/index.ts';
import { patternError, ROOT_PATH } from './errors.ts';
import { exactMatcher, parseMatchExpression } from './operators.ts';
import type { CompiledPattern, Matcher } from './types.ts';

/** EventBridge's default event-pattern size quota (characters). */
export const DEFAULT_MAX_PATTERN_LENGTH = 2048;
/** Hashi's guard against `$or` products exploding; EventBridge bounds this by pattern size alone. */
export const MAX_BRANCHES = 1024;

export interface CompileOptions {
  /** Maximum length of the pattern's JSON text; EventBridge allows raising the quota to 4096. */
  maxLength?: number;
}

// Field names event-ruler refuses inside `$or` objects (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
  'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
]);

type Partial = Map<string, Matcher[]>;

interface Walk {
  /** Dotted field path used for matching (no `$or` steps). */
  field: string;
  /** Path shown in errors, with `$or[i]` steps. */
  shown: string;
  insideOr: boolean;
}

const join = (base: string, step: string): string => (base === '' ? step : `${base}.${step}`);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function leafMatchers(shown: string, values: unknown[]): Matcher[] {
  if (values.length === 0) throw patternError(shown, 'Empty arrays are not allowed');
  return values.map((v) => {
    if (isPlainObject(v)) return parseMatchExpression(shown, v);
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return exactMatcher(v);
    throw patternError(shown, 'Match value must be String, number, true, false, or null');
  });
}

function parseOr(value: unknown, at: Walk, rules: Partial[]): void {
  const shown = join(at.shown, '$or');
  if (!Array.isArray(value)) throw patternError(shown, 'It must be an Array followed with $or.');
  const current = rules.map((r) => new Map(r));
  const next: Partial[] = [];
  value.forEach((element, i) => {
    if (!isPlainObject(element)) throw patternError(shown, 'Only JSON object is allowed in array of $or relationship.');
    const alternative = current.length === 0 ? [new Map()] : current.map((r) => new Map(r));
    parseObject(element, { field: at.field, shown: `${shown}[${i}]`, insideOr: true }, alternative);
    next.push(...alternative);
    if (next.length > MAX_BRANCHES) {
      throw patternError(shown, `Pattern is too complex: $or expands to more than ${MAX_BRANCHES} alternatives`);
    }
  });
  if (value.length < 2) throw patternError(shown, 'There must have at least 2 Objects in $or relationship.');
  rules.splice(0, rules.length, ...next);
}

function parseObject(obj: Record<string, unknown>, at: Walk, rules: Partial[]): void {
  const keys = Object.keys(obj);
  if (keys.length === 0) throw patternError(at.shown, 'Empty objects are not allowed');
  for (const key of keys) {
    const value = obj[key];
    if (key === '$or') {
      parseOr(value, at, rules);
      continue;
    }
    const field = join(at.field, key);
    const shown = join(at.shown, key);
    if (at.insideOr && RESERVED_IN_OR.has(key)) {
      throw patternError(shown, `${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (isPlainObject(value)) {
      parseObject(value, { field, shown, insideOr: at.insideOr }, rules);
    } else if (Array.isArray(value)) {
      const matchers = leafMatchers(shown, value);
      if (rules.length === 0) rules.push(new Map());
      // A later mention of the same dotted path replaces the earlier one, as in event-ruler.
      for (const rule of rules) rule.set(field, matchers);
    } else {
      throw patternError(shown, `"${key}" must be an object or an array`);
    }
  }
}

/** Validates a pattern and compiles it to `$or`-free branches of per-path conditions. */
export function compilePattern(pattern: unknown, options: CompileOptions = {}): CompiledPattern {
  if (!isPlainObject(pattern)) throw patternError(ROOT_PATH, 'Filter is not an object');
  // Before JSON.stringify and the recursive parse below, either of which a deep enough pattern overflows.
  assertJsonDepth(pattern, 'the pattern');
  const maxLength = options.maxLength ?? DEFAULT_MAX_PATTERN_LENGTH;
  const length = JSON.stringify(pattern).length;
  if (length > maxLength) {
    throw patternError(ROOT_PATH, `Event pattern is ${length} characters long; the limit is ${maxLength}`);
  }
  const rules: Partial[] = [];
  parseObject(pattern, { field: '', shown: '', insideOr: false }, rules);
  return {
    branches: rules.map((rule) => ({
      conditions: [...rule].map(([path, matchers]) => ({ path, matchers })),
    })),
  };
}

/** Throws `EVENT_PATTERN_INVALID` naming the offending path when the pattern is not valid. */
export function validatePattern(pattern: unknown, options: CompileOptions = {}): void {
  compilePattern(pattern, options);
}
