import { scheduleError } from './errors.ts';
import { checkTimeZone, zonedToUtc } from './time-zone.ts';
import type { AtSchedule } from './types.ts';

// EventBridge Scheduler's one-time expression: at(yyyy-mm-ddThh:mm:ss), no offset or Z
// (the time zone is ScheduleExpressionTimezone); "at(2021-12-31T23:59:59Z)" and "at(2021-12-31)"
// are refused (LocalStack's AWS-validated tests_create_schedule_with_invalid_schedule_expression).
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

export function parseAt(expression: string, timezone = 'UTC'): AtSchedule {
  const m = AT.exec(expression);
  if (m === null) throw scheduleError(expression, 'expected at(yyyy-mm-ddThh:mm:ss), the time in ScheduleExpressionTimezone (default UTC)');
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  if (month < 1 || month > 12 || back.getUTCDate() !== day || back.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    throw scheduleError(expression, 'the date or time does not exist (month 01-12, a day of that month, hh 00-23, mm and ss 00-59)');
  }
  checkTimeZone(timezone, expression);
  return { kind: 'at', expression, timezone, at: zonedToUtc(wall, timezone) };
}
