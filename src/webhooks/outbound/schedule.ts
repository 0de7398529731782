/**
 * The outbound retry schedule as data: the delay after failed attempt n is
 * `schedule[n-1]` (plus up to `jitter` of it at random), so a message gets
 * `schedule.length + 1` attempts. A receiver's Retry-After can push an attempt
 * later, never sooner, and never past MAX_RETRY_AFTER_MS.
 */

export const MAX_RETRY_AFTER_MS = 86_400_000;
// Room for the queue to be stopped for a while (a deploy, an outage) before a
// pending retry expires; an expired one is dead-lettered and can be redriven.
const SLACK_MS = 86_400_000;

export function retryDelay(failedAttempt: number, schedule: readonly number[], jitter: number, random: () => number, retryAfterMs?: number): number {
  const index = Math.max(1, Math.min(failedAttempt, schedule.length)) - 1;
  const base = schedule[index] ?? 0;
  const hinted = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(base, hinted) * (1 + jitter * random()));
}

export function maxAttemptsFor(schedule: readonly number[]): number {
  return schedule.length + 1;
}

/** Long enough that the queue never expires a message before its last scheduled attempt. */
export function maxAgeFor(schedule: readonly number[], jitter: number): number {
  const worst = schedule.reduce((sum, d) => sum + Math.max(d, 0), 0) * (1 + jitter);
  return Math.ceil(worst + SLACK_MS);
}

/** `Retry-After` as seconds or an HTTP date → ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d{1,10}$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
