import { matches } from '../patterns/index.ts';
import { errorResult, type ErrorResult } from './result.ts';

export type TestPatternResult = { match: boolean } | ErrorResult;

/** `hashi events test-pattern`: does `event` match `pattern`? Never throws. */
export function testPattern(pattern: unknown, event: unknown): TestPatternResult {
  try {
    return { match: matches(pattern, event) };
  } catch (err) {
    return errorResult(err);
  }
}
