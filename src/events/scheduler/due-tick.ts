import { nextRuns, type Schedule } from '../schedules/index.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Cron look-back windows, smallest first: dense schedules stop at the first. */
const WINDOWS = [60 * MINUTE, DAY, 32 * DAY, 400 * DAY, 8 * 366 * DAY, 100 * 366 * DAY];
/** Skipped ticks are counted up to this many. */
export const MAX_SKIPPED_COUNT = 10_000;

export interface DueTick {
  /** The tick to fire (ms epoch): the latest scheduled time ≤ now. */
  tickAt: number;
  /** Scheduled times after the last fired tick and before `tickAt`, not fired (capped). */
  skipped: number;
}

/**
 * The missed-tick policy: of the scheduled times after `after` (the last
 * fired tick, or when the rule was created or changed) and at or before
 * `now`, only the latest fires; the earlier ones are skipped and counted. After
 * downtime a rule fires once, late, instead of in a storm.
 */
export function dueTick(schedule: Schedule, anchor: number, after: number, now: number): DueTick | undefined {
  if (schedule.kind === 'rate') return dueRate(schedule.periodMs, anchor, after, now);
  // A one-time schedule fires once, when its instant has come and is after the rule's anchor
  // (an at() already past when the rule was made never fires, like a cron whose years are over).
  if (schedule.kind === 'at') return schedule.at <= now && schedule.at > after ? { tickAt: schedule.at, skipped: 0 } : undefined;
  return dueCron(schedule, after, now);
}

function dueRate(period: number, anchor: number, after: number, now: number): DueTick | undefined {
  const start = Math.floor(anchor / MINUTE) * MINUTE;
  const latest = Math.floor((now - start) / period);
  if (latest < 1) return undefined;
  const first = Math.max(1, Math.floor((after - start) / period) + 1);
  if (first > latest) return undefined;
  return { tickAt: start + latest * period, skipped: Math.min(MAX_SKIPPED_COUNT, latest - first) };
}

function dueCron(schedule: Schedule, after: number, now: number): DueTick | undefined {
  for (const window of WINDOWS) {
    const from = Math.max(after, now - window);
    const runs = runsBetween(schedule, from, now, MAX_SKIPPED_COUNT + 1);
    if (runs.length > 0) {
      const tickAt = runs[runs.length - 1]!;
      const skipped = from === after ? runs.length - 1 : countBetween(schedule, after, tickAt);
      return { tickAt, skipped: Math.min(MAX_SKIPPED_COUNT, skipped) };
    }
    if (from === after) return undefined;
  }
  return undefined;
}

/** Scheduled times in (from, to], at most `limit` of the latest ones. */
function runsBetween(schedule: Schedule, from: number, to: number, limit: number): number[] {
  let out: number[] = [];
  let cursor = from;
  for (;;) {
    const page = nextRuns(schedule, new Date(cursor), 1000).map((d) => d.getTime());
    const inRange = page.filter((t) => t <= to);
    out = out.concat(inRange);
    if (out.length > limit) out = out.slice(out.length - limit);
    if (inRange.length < page.length || page.length < 1000) return out;
    cursor = page[page.length - 1]!;
  }
}

function countBetween(schedule: Schedule, after: number, before: number): number {
  let n = 0;
  let cursor = after;
  while (n <= MAX_SKIPPED_COUNT) {
    const page = nextRuns(schedule, new Date(cursor), 1000).map((d) => d.getTime());
    const inRange = page.filter((t) => t < before);
    n += inRange.length;
    if (inRange.length < page.length || page.length < 1000) return n;
    cursor = page[page.length - 1]!;
  }
  return n;
}
