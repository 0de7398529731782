import { describe, expect, it } from 'vitest';
import { AuthError, HashiError, LimitError, NotFoundError, PermanentError, RetryableError, ValidationError } from '../../../kernel/index.ts';
import { classify, toJobError } from './classify.ts';

describe('classify', () => {
  it('validation and not-found are permanent', () => {
    expect(classify(new ValidationError('FM_IMAGES_UNSUPPORTED', 'no')).retry).toBe(false);
    expect(classify(new NotFoundError('TICKET_NOT_FOUND', 'gone')).retry).toBe(false);
    expect(classify(new AuthError('FM_PROVIDER_AUTH', 'bad key', { status: 401 })).retry).toBe(false);
    expect(classify(new PermanentError('stop')).retry).toBe(false);
  });

  it('throttling, timeouts, unavailability and unknown (store) errors are retryable', () => {
    expect(classify(new LimitError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 3 }))).toEqual({ retry: true, code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 3000 });
    expect(classify(new HashiError('FM_UNAVAILABLE', 'all failed', { status: 503 })).retry).toBe(true);
    expect(classify(new HashiError('FM_PROVIDER_TIMEOUT', 'slow', { status: 504 })).retry).toBe(true);
    expect(classify(new HashiError('X_TIMEOUT', 'timeout', { status: 408 })).retry).toBe(true);
    expect(classify(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' })).retry).toBe(true);
    expect(classify(new RetryableError('again', { retryAfterMs: 50 }))).toMatchObject({ retry: true, retryAfterMs: 50 });
  });

  it("a provider error's own retryable flag wins over its status", () => {
    const streamBroken = Object.assign(new HashiError('FM_PROVIDER_STREAM_BROKEN', 'cut', { status: 502 }), { retryable: true });
    const rejected = Object.assign(new HashiError('FM_PROVIDER_REJECTED', 'bad', { status: 502 }), { retryable: false });
    expect(classify(streamBroken).retry).toBe(true);
    expect(classify(rejected).retry).toBe(false);
  });

  it('turns the verdict into the error the queue acts on, keeping code and cause', () => {
    const cause = new HashiError('FM_UNAVAILABLE', 'all failed', { status: 503, retryAfterSeconds: 2 });
    const retry = toJobError(cause);
    expect(retry).toBeInstanceOf(RetryableError);
    expect(retry).toMatchObject({ code: 'FM_UNAVAILABLE', retryAfterMs: 2000, cause });
    expect(toJobError(new ValidationError('BAD', 'no'))).toBeInstanceOf(PermanentError);
  });
});
