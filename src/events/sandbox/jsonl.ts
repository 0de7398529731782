import { nextRuns, type NextRunsResult } from './next-runs.ts';
import { errorResult } from './result.ts';
import { testPattern, type TestPatternResult } from './test-pattern.ts';
import { testTransform, type TestTransformResult } from './test-transform.ts';

export type SandboxKind = 'test-pattern' | 'test-transform' | 'next-runs';

/** One result per non-blank input line, carrying its 1-based line number. */
export type JsonlResult = { line: number } & (TestPatternResult | TestTransformResult | NextRunsResult);

export interface JsonlOptions {
  /** Default `from` for next-runs lines that give none (the caller's clock). */
  now?: Date;
  /** Default count for next-runs lines that give none. */
  defaultCount?: number;
}

function record(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('each line must be a JSON object');
  return value as Record<string, unknown>;
}

function runOne(kind: SandboxKind, line: Record<string, unknown>, options: JsonlOptions): TestPatternResult | TestTransformResult | NextRunsResult {
  switch (kind) {
    case 'test-pattern':
      return testPattern(line.pattern, line.event);
    case 'test-transform':
      return testTransform(line as never);
    case 'next-runs': {
      const from = (line.from as string | undefined) ?? options.now;
      if (from === undefined) throw new TypeError('next-runs lines need "from" (no default time was given)');
      const count = (line.count as number | undefined) ?? options.defaultCount ?? 5;
      return nextRuns(line.expression as string, count, from, line.anchor as string | undefined);
    }
    default:
      throw new TypeError(`unknown sandbox command ${String(kind)}`);
  }
}

/**
 * Runs a sandbox command over JSON Lines. Lines: test-pattern `{pattern, event}`,
 * test-transform `{event, inputPathsMap?, inputTemplate, context?}`, next-runs
 * `{expression, count?, from?, anchor?}`. A malformed line gives `{error}` for
 * that line only; blank lines are skipped.
 */
export function runJsonl(kind: SandboxKind, lines: readonly string[], options: JsonlOptions = {}): JsonlResult[] {
  const results: JsonlResult[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      results.push({ line: i + 1, ...runOne(kind, record(JSON.parse(text)), options) });
    } catch (err) {
      results.push({ line: i + 1, ...errorResult(err) });
    }
  });
  return results;
}
