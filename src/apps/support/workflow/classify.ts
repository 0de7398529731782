import { PermanentError, RetryableError, describeError, isHashiError } from '../../../kernel/index.ts';

export interface Verdict {
  retry: boolean;
  code: string;
  message: string;
  retryAfterMs?: number;
}

// Timeouts, throttling and unavailability pass; anything else 4xx is the request's own fault.
const TRANSIENT_STATUS = new Set([408, 425, 429]);

/**
 * What a failed workflow step means: validation and not-found are permanent
 * (retrying cannot change the answer); throttling, timeouts, unavailable
 * models and store errors (anything that is not one of our typed errors) are
 * retryable. The FM's provider errors carry their own `retryable` flag.
 */
export function classify(err: unknown): Verdict {
  const { code, message } = describeError(err);
  if (err instanceof PermanentError) return { retry: false, code, message };
  if (err instanceof RetryableError) return { retry: true, code, message, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
  const retryAfterMs = isHashiError(err) && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined;
  const flagged = (err as { retryable?: unknown } | null)?.retryable;
  if (typeof flagged === 'boolean') return { retry: flagged, code, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (isHashiError(err)) {
    const retry = err.status >= 500 || TRANSIENT_STATUS.has(err.status);
    return { retry, code, message, ...(retry && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { retry: true, code, message };
}

/** The error the queue acts on: RetryableError (backoff, or the upstream's Retry-After) or PermanentError (DLQ now). */
export function toJobError(err: unknown, verdict: Verdict = classify(err)): RetryableError | PermanentError {
  if (verdict.retry) {
    return new RetryableError(verdict.message, { code: verdict.code, cause: err, ...(verdict.retryAfterMs !== undefined ? { retryAfterMs: verdict.retryAfterMs } : {}) });
  }
  return new PermanentError(verdict.message, { code: verdict.code, cause: err });
}
