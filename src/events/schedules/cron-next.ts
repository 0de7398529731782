import { daysFor } from './cron-days.ts';
import type { CronSchedule } from './types.ts';

const MINUTE = 60_000;

const sorted = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);

/**
 * The first `count` fire times strictly after `from`, in UTC, minute precision.
 * Walks year → month → day → hour → minute and skips every unit that ends
 * before the start, so sparse schedules cost as little as dense ones.
 */
export function nextCronRuns(schedule: CronSchedule, from: Date, count: number): Date[] {
  const months = sorted(schedule.months);
  const hours = sorted(schedule.hours);
  const minutes = sorted(schedule.minutes);
  const start = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
  const out: Date[] = [];
  if (count <= 0) return out;
  for (const year of sorted(schedule.years)) {
    if (Date.UTC(year + 1, 0, 1) <= start) continue;
    for (const month of months) {
      if (Date.UTC(year, month, 1) <= start) continue;
      for (const day of daysFor(schedule, year, month)) {
        if (Date.UTC(year, month - 1, day + 1) <= start) continue;
        for (const hour of hours) {
          if (Date.UTC(year, month - 1, day, hour + 1) <= start) continue;
          for (const minute of minutes) {
            const at = Date.UTC(year, month - 1, day, hour, minute);
            if (at < start) continue;
            out.push(new Date(at));
            if (out.length >= count) return out;
          }
        }
      }
    }
  }
  return out;
}
