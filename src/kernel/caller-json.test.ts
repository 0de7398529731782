import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, assertJsonDepth, isHashiError, jsonDepth, parseCallerJson, stableStringify, textProblem } from './index.ts';

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isHashiError(err) ? err.code : (err as Error).name;
  }
  return undefined;
}

describe('caller JSON depth', () => {
  it('counts levels of objects and arrays without recursion, stopping past the limit', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    // 200 000 levels would overflow any recursive walk; this stops at limit + 1.
    expect(jsonDepth(nested(200_000))).toBe(MAX_JSON_DEPTH + 1);
  });

  it('throws JSON_TOO_DEEP (400, naming the limit) past 64 levels, not at 64', () => {
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH), 'x')).not.toThrow();
    expect(codeOf(() => assertJsonDepth(nested(MAX_JSON_DEPTH + 1), 'the body'))).toBe('JSON_TOO_DEEP');
    expect(codeOf(() => parseCallerJson('['.repeat(50_000) + ']'.repeat(50_000), 'x'))).toBe('JSON_TOO_DEEP');
  });

  it('stableStringify (idempotency and cache hashing) refuses a deep value instead of overflowing the stack', () => {
    expect(codeOf(() => stableStringify(nested(100_000)))).toBe('JSON_TOO_DEEP');
    expect(stableStringify({ b: 1, a: [nested(MAX_JSON_DEPTH)] })).toMatch(/^\{"a":/);
  });
});

describe('textProblem', () => {
  it('finds NUL and lone surrogates, and nothing in ordinary text with surrogate pairs', () => {
    expect(textProblem('plain, ünïcödé, 漢字, 😀')).toBeUndefined();
    expect(textProblem('a\u0000b')).toContain('U+0000');
    expect(textProblem('a\ud800b')).toContain('lone surrogate');
    expect(textProblem('\udc00')).toContain('lone surrogate');
    expect(textProblem('😀\ud83d')).toContain('lone surrogate');
  });
});
