import { PermanentError, RetryableError, describeError } from '../kernel/index.ts';
import type { AttemptError, DeadReason } from './types.ts';

export type FailureDecision =
  | { action: 'retry'; runAt: number; error: AttemptError }
  | { action: 'bury'; reason: DeadReason; error: AttemptError };

/**
 * The one place that decides what a failure means: PermanentError → DLQ now;
 * anything else is retried with backoff until attempts or age run out.
 */
export function classifyFailure(args: {
  err: unknown;
  attempt: number;
  maxAttempts: number;
  now: number;
  expiresAt: number;
  delayMs: number;
}): FailureDecision {
  const { code, message } = describeError(args.err);
  const error: AttemptError = { attempt: args.attempt, at: args.now, code, message: message.slice(0, 2000) };
  if (args.err instanceof PermanentError) return { action: 'bury', reason: 'permanent', error };
  if (args.attempt >= args.maxAttempts) return { action: 'bury', reason: 'exhausted', error };
  const hinted = args.err instanceof RetryableError ? args.err.retryAfterMs : undefined;
  const runAt = args.now + (hinted ?? args.delayMs);
  if (runAt > args.expiresAt) return { action: 'bury', reason: 'expired', error };
  return { action: 'retry', runAt, error };
}
