import { scheduleError } from './errors.ts';
import { DAY_OF_MONTH, DAY_OF_WEEK, FieldError, HOURS, MINUTES, MONTH, YEAR, parseList, parseValue } from './cron-fields.ts';
import type { CronSchedule, DayOfMonth, DayOfWeek } from './types.ts';

const CRON = /^cron\((.*)\)$/s;

function parseDayOfMonth(text: string): DayOfMonth {
  if (text === '?') return { kind: 'none' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'last-weekday' };
  const weekday = /^([0-9]+)W$/.exec(text);
  if (weekday !== null) return { kind: 'nearest-weekday', day: parseValue(DAY_OF_MONTH, weekday[1] as string) };
  if (/[LW]/i.test(text)) throw new FieldError(`Day-of-month: "${text}": L and W must stand alone (L, LW or nW)`);
  return { kind: 'days', days: parseList(DAY_OF_MONTH, text) };
}

function parseDayOfWeek(text: string): DayOfWeek {
  if (text === '?') return { kind: 'none' };
  if (text === 'L') return { kind: 'days', days: new Set([7]) };
  const last = /^([0-9A-Za-z]+)L$/.exec(text);
  if (last !== null) return { kind: 'last-of-month', weekday: parseValue(DAY_OF_WEEK, last[1] as string) };
  if (text.includes('#')) {
    const nth = /^([0-9A-Za-z]+)#([0-9]+)$/.exec(text);
    if (nth === null) throw new FieldError(`Day-of-week: "${text}": # allows one expression such as 3#2, not a list`);
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new FieldError(`Day-of-week: "${text}": the instance after # must be 1-5`);
    return { kind: 'nth', weekday: parseValue(DAY_OF_WEEK, nth[1] as string), nth: n };
  }
  // No day name contains an L, so any L left here is misplaced.
  if (/L/i.test(text)) {
    throw new FieldError(`Day-of-week: "${text}": L must stand alone or follow one day (6L)`);
  }
  return { kind: 'days', days: parseList(DAY_OF_WEEK, text) };
}

/**
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)` in UTC, with
 * EventBridge's wildcards: `, - * /` everywhere, `?` in the day fields (exactly
 * one of them), `L W` in Day-of-month, `L #` in Day-of-week.
 */
export function parseCron(expression: string): CronSchedule {
  const m = CRON.exec(expression);
  if (m === null) throw scheduleError(expression, 'expected cron(Minutes Hours Day-of-month Month Day-of-week Year)');
  const fields = (m[1] as string).trim().split(/\s+/);
  if (fields.length !== 6) {
    throw scheduleError(expression, `cron needs 6 fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${fields.length}`);
  }
  const [min = '', hour = '', dom = '', month = '', dow = '', year = ''] = fields;
  try {
    for (const [spec, text] of [[MINUTES, min], [HOURS, hour], [MONTH, month], [YEAR, year]] as const) {
      if (text.includes('?')) throw new FieldError(`${spec.name}: ? is only allowed in Day-of-month or Day-of-week`);
    }
    const dayOfMonth = parseDayOfMonth(dom);
    const dayOfWeek = parseDayOfWeek(dow);
    if ((dayOfMonth.kind === 'none') === (dayOfWeek.kind === 'none')) {
      throw new FieldError('exactly one of Day-of-month and Day-of-week must be ?, and the other must not be');
    }
    return {
      kind: 'cron', expression,
      minutes: parseList(MINUTES, min), hours: parseList(HOURS, hour), dayOfMonth,
      months: parseList(MONTH, month), dayOfWeek, years: parseList(YEAR, year),
    };
  } catch (err) {
    if (err instanceof FieldError) throw scheduleError(expression, err.message);
    throw err;
  }
}
