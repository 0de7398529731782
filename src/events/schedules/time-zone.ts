import { scheduleError } from './errors.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An IANA time zone name Node's ICU knows (`Asia/Tokyo`, `America/New_York`, `UTC`), or a refusal. */
export function checkTimeZone(zone: string, expression: string): void {
  try {
    formatterFor(zone);
  } catch {
    throw scheduleError(expression, `ScheduleExpressionTimezone ${JSON.stringify(zone)} is not a time zone name (use an IANA name such as Europe/Berlin)`);
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time in `zone` at `utcMs`, written as if it were UTC (ms). */
function wallClock(utcMs: number, zone: string): number {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

const offsetAt = (utcMs: number, zone: string): number => wallClock(utcMs, zone) - Math.floor(utcMs / 1000) * 1000;

/**
 * The instant a wall-clock time in `zone` names. Across a daylight-saving
 * change: a time that happens twice (clocks back) is its first occurrence; a
 * time that never happens (clocks forward) moves forward by the gap, so
 * 02:30 on the spring-forward night in New York is 03:30 EDT.
 */
export function zonedToUtc(wall: number, zone: string): number {
  const before = offsetAt(wall - 86_400_000, zone);
  const after = offsetAt(wall + 86_400_000, zone);
  const candidates = [...new Set([before, after])].map((o) => wall - o).filter((t) => wallClock(t, zone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}
