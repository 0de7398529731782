import { nextRuns as scheduleRuns } from '../schedules/index.ts';
import { errorResult, type ErrorResult } from './result.ts';

export type NextRunsResult = { next: string[] } | ErrorResult;

function toDate(value: Date | string, what: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`${what} is not a valid date: ${String(value)}`);
  return date;
}

/**
 * `hashi events next-runs`: the next `count` runs after `from` as ISO strings.
 * `anchor` is a rate schedule's start (the rule's creation time); it defaults to `from`.
 */
export function nextRuns(expression: string, count: number, from: Date | string, anchor?: Date | string): NextRunsResult {
  try {
    const options = anchor === undefined ? {} : { anchor: toDate(anchor, 'anchor') };
    return { next: scheduleRuns(expression, toDate(from, 'from'), count, options).map((d) => d.toISOString()) };
  } catch (err) {
    return errorResult(err);
  }
}
