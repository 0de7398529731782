import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE_MS } from '../settings.ts';
import { maxAgeFor, maxAttemptsFor, parseRetryAfter, retryDelay } from './schedule.ts';

describe('the outbound retry schedule', () => {
  it("follows Svix's schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after attempts 1–7, so 8 attempts", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, DEFAULT_RETRY_SCHEDULE_MS, 0, () => 0.5));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(maxAttemptsFor(DEFAULT_RETRY_SCHEDULE_MS)).toBe(8);
  });

  it('adds up to `jitter` of the delay, and lets Retry-After push an attempt later but never sooner (capped at a day)', () => {
    expect(retryDelay(1, [10_000], 0.1, () => 1)).toBe(11_000);
    expect(retryDelay(1, [10_000], 0, () => 0, 600_000)).toBe(600_000);
    expect(retryDelay(2, [10_000, 300_000], 0, () => 0, 1_000)).toBe(300_000);
    expect(retryDelay(1, [10_000], 0, () => 0, 10 * 86_400_000)).toBe(86_400_000);
  });

  it('keeps a message alive a day past its worst-case last attempt', () => {
    expect(maxAgeFor([1000, 2000], 0.5)).toBe(4500 + 86_400_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect([parseRetryAfter(undefined, now), parseRetryAfter('soon', now)]).toEqual([undefined, undefined]);
  });
});
