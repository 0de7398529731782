import { describe, expect, it } from 'vitest';
import { isProviderFailure, isRetryable, isTerminal, retryAfterMsOf } from './classify.ts';
import { ClientAbortedError, DeadlineExceededError, FmTimeoutError, OverloadedError } from './errors.ts';

describe('error classification', () => {
  it('trusts an explicit retryable flag (the ProviderError shape)', () => {
    expect(isRetryable({ retryable: true, kind: 'throttled' })).toBe(true);
    expect(isRetryable({ retryable: false, kind: 'invalid_request' })).toBe(false);
  });

  it('recognises network errors by code, including one level of cause, never by message', () => {
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new TypeError('fetch failed', { cause: Object.assign(new Error('y'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true);
    expect(isRetryable(new Error('ECONNRESET'))).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
  });

  it('never retries caller aborts or deadlines, and does not blame the provider for them', () => {
    for (const err of [new ClientAbortedError(), new DeadlineExceededError(0)]) {
      expect(isTerminal(err)).toBe(true);
      expect(isRetryable(err)).toBe(false);
      expect(isProviderFailure(err)).toBe(false);
    }
  });

  it('retries our timeouts but not local overload', () => {
    expect(isRetryable(new FmTimeoutError('total', 10))).toBe(true);
    expect(isProviderFailure(new OverloadedError('p', 1))).toBe(false);
  });

  it('reads a sane retryAfterMs only', () => {
    expect(retryAfterMsOf({ retryable: true, retryAfterMs: 1500 })).toBe(1500);
    expect(retryAfterMsOf({ retryable: true, retryAfterMs: -1 })).toBeUndefined();
    expect(retryAfterMsOf(new Error('x'))).toBeUndefined();
  });
});
