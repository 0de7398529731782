/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half is
 * random, so retries spread out but never come sooner than half the schedule.
 * `attempt` is the attempt that just failed (1-based).
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const half = exp / 2;
  return Math.round(half + random() * half);
}
