import type { CronSchedule } from './types.ts';

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as in EventBridge's Day-of-week field. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** Quartz "nW": the weekday nearest to day n, never leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const d = Math.min(day, last);
  const wd = weekdayOf(year, month, d);
  if (wd === 7) return d === 1 ? 3 : d - 1; // Saturday → Friday, or Monday the 3rd
  if (wd === 1) return d === last ? d - 2 : d + 1; // Sunday → Monday, or Friday before a month-end Sunday
  return d;
}

/** The days of one month a schedule fires on, ascending. */
export function daysFor(schedule: CronSchedule, year: number, month: number): number[] {
  const last = daysInMonth(year, month);
  const all = Array.from({ length: last }, (_, i) => i + 1);
  const dom = schedule.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      return all.filter((d) => dom.days.has(d));
    case 'last':
      return [last];
    case 'last-weekday':
      return [nearestWeekday(year, month, last)];
    case 'nearest-weekday':
      // A day beyond this month's end (31W in April) does not fire that month.
      return dom.day > last ? [] : [nearestWeekday(year, month, dom.day)];
    case 'none':
      break;
  }
  const dow = schedule.dayOfWeek;
  switch (dow.kind) {
    case 'days':
      return all.filter((d) => dow.days.has(weekdayOf(year, month, d)));
    case 'last-of-month': {
      const matching = all.filter((d) => weekdayOf(year, month, d) === dow.weekday);
      return matching.slice(-1);
    }
    case 'nth': {
      const matching = all.filter((d) => weekdayOf(year, month, d) === dow.weekday);
      return dow.nth <= matching.length ? [matching[dow.nth - 1] as number] : [];
    }
    case 'none':
      return [];
  }
}
