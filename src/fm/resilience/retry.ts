import type { Clock } from '../../kernel/index.ts';
import { isRetryable, retryAfterMsOf } from './classify.ts';
import type { RetryBudget } from './retry-budget.ts';
import { sleep } from './timers.ts';
import type { Timers } from './timers.ts';
import type { AttemptMiddleware } from './types.ts';

export interface RetryOptions {
  /** Extra attempts after the first. Default 2. */
  retries?: number;
  /** First backoff; doubles per retry. Default 1000 ms (the design's 1 s / 2 s). */
  baseDelayMs?: number;
  /** Cap on one backoff (a provider's retryAfterMs may exceed it). Default 8000 ms. */
  maxDelayMs?: number;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = { retries: 2, baseDelayMs: 1000, maxDelayMs: 8000 };

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out but never bunch at 0. */
export function backoffDelay(retryIndex: number, options: Required<RetryOptions>, random: () => number): number {
  const exp = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
  return Math.round(exp / 2 + random() * (exp / 2));
}

export interface RetryDeps {
  clock: Clock;
  timers: Timers;
  random: () => number;
  budget: RetryBudget;
}

/**
 * Retries retryable failures that happen before the first event — a started
 * stream is never retried, because the attempt middlewares only see the
 * opening. Stops at the retry count, the retry budget, or when the backoff
 * would cross the deadline.
 */
export function retry(options: RetryOptions, deps: RetryDeps): AttemptMiddleware {
  const opts = { ...RETRY_DEFAULTS, ...options };
  return async function retry(call, next) {
    deps.budget.recordRequest(call.key);
    for (let retryIndex = 0; ; retryIndex++) {
      try {
        return await next(call);
      } catch (err) {
        if (call.signal.aborted || !isRetryable(err) || retryIndex >= opts.retries) throw err;
        const delay = Math.max(backoffDelay(retryIndex, opts, deps.random), retryAfterMsOf(err) ?? 0);
        if (deps.clock.now() + delay >= call.deadline) throw err;
        if (!deps.budget.tryRetry(call.key)) throw err;
        await sleep(delay, deps.timers, call.signal);
      }
    }
  };
}
