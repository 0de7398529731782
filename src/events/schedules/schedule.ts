import { parseCron } from './cron-parse.ts';
import { nextCronRuns } from './cron-next.ts';
import { scheduleError } from './errors.ts';
import { nextRateRuns, parseRate } from './rate.ts';
import { parseAt } from './at.ts';
import type { Schedule } from './types.ts';

/** EventBridge's ScheduleExpression length limit. */
export const MAX_EXPRESSION_LENGTH = 256;
/** nextRuns refuses to list more than this many runs in one call. */
export const MAX_RUNS = 10_000;

/**
 * Parses `rate(...)`, `cron(...)` or the one-time `at(yyyy-mm-ddThh:mm:ss)`
 * (EventBridge Scheduler's, read in `timezone`, default UTC; rate and cron are
 * UTC). Whitespace around the expression is an error, as in EventBridge.
 * Throws SCHEDULE_INVALID with the grammar rule broken.
 */
export function parseSchedule(expression: string, timezone?: string): Schedule {
  if (typeof expression !== 'string') throw scheduleError(String(expression), 'a schedule expression must be a string');
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw scheduleError(expression.slice(0, 40), `longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  if (expression !== expression.trim()) throw scheduleError(expression, 'no whitespace is allowed before or after the expression');
  if (expression.startsWith('at(')) return parseAt(expression, timezone);
  if (timezone !== undefined && timezone !== 'UTC') throw scheduleError(expression, 'ScheduleExpressionTimezone applies to at() expressions; rate() and cron() run in UTC');
  if (expression.startsWith('rate(')) return parseRate(expression);
  if (expression.startsWith('cron(')) return parseCron(expression);
  throw scheduleError(expression, 'expected rate(value unit), cron(Minutes Hours Day-of-month Month Day-of-week Year) or at(yyyy-mm-ddThh:mm:ss)');
}

export interface NextRunsOptions {
  /**
   * When a rate schedule started: the rule's creation (or last enable) time.
   * Runs fall at anchor + k·period. Defaults to `from`. Ignored for cron.
   */
  anchor?: Date;
  /** ScheduleExpressionTimezone of an at() expression (default UTC). */
  timezone?: string;
}

/**
 * The next `count` run times strictly after `from` (UTC, minute precision).
 * A cron schedule may end (its Year field runs out) and return fewer.
 */
export function nextRuns(expression: string | Schedule, from: Date, count: number, options: NextRunsOptions = {}): Date[] {
  const schedule = typeof expression === 'string' ? parseSchedule(expression, options.timezone) : expression;
  if (!Number.isInteger(count) || count < 0 || count > MAX_RUNS) {
    throw scheduleError(schedule.expression, `count must be a whole number from 0 to ${MAX_RUNS}`);
  }
  if (Number.isNaN(from.getTime())) throw scheduleError(schedule.expression, 'from is not a valid date');
  if (schedule.kind === 'rate') return nextRateRuns(schedule, options.anchor ?? from, from, count);
  if (schedule.kind === 'at') return schedule.at > from.getTime() && count > 0 ? [new Date(schedule.at)] : [];
  return nextCronRuns(schedule, from, count);
}
