import { describe, expect, it } from 'vitest';
import { brokenStream, endedEarly, fromAbort, fromUpstream, kindForStatus, parseRetryAfterMs } from './classify.ts';
import { ProviderError } from './errors.ts';

describe('kindForStatus', () => {
  it.each([
    [429, 'throttled'],
    [408, 'timeout'],
    [504, 'timeout'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [529, 'server'],
    [424, 'server'],
    [400, 'client'],
    [401, 'client'],
    [404, 'client'],
    [413, 'client'],
    [422, 'client'],
  ] as const)('%i → %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('fromUpstream', () => {
  it('401/403 get the AUTH code and are not retryable', () => {
    const err = fromUpstream({ provider: 'p', status: 401, message: 'bad key' });
    expect(err).toMatchObject({ kind: 'client', code: 'FM_PROVIDER_AUTH', retryable: false, upstreamStatus: 401 });
  });

  it('keeps retryAfterMs only for throttling and server errors', () => {
    expect(fromUpstream({ provider: 'p', status: 429, message: 'm', retryAfterMs: 2000 }).retryAfterMs).toBe(2000);
    expect(fromUpstream({ provider: 'p', status: 503, message: 'm', retryAfterMs: 2000 }).retryAfterMs).toBe(2000);
    expect(fromUpstream({ provider: 'p', status: 400, message: 'm', retryAfterMs: 2000 }).retryAfterMs).toBeUndefined();
  });

  it('carries Retry-After to the edge as whole seconds', () => {
    expect(fromUpstream({ provider: 'p', status: 429, message: 'm', retryAfterMs: 1500 }).retryAfterSeconds).toBe(2);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const headers = (h: Record<string, string>) => (name: string) => h[name];

  it('reads seconds, fractional seconds, and milliseconds (which win)', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfterMs(headers({ 'retry-after': '0.25' }), now)).toBe(250);
    expect(parseRetryAfterMs(headers({ 'retry-after': '7', 'retry-after-ms': '120' }), now)).toBe(120);
  });

  it('reads an HTTP date relative to the injected now (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 11:00:00 GMT' }), now)).toBe(0);
  });

  it('ignores absent or garbage values', () => {
    expect(parseRetryAfterMs(headers({}), now)).toBeUndefined();
    expect(parseRetryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});

describe('fromAbort', () => {
  it('a TimeoutError reason (AbortSignal.timeout, deadlines) is a retryable timeout', () => {
    const c = new AbortController();
    c.abort(new DOMException('deadline', 'TimeoutError'));
    expect(fromAbort('p', c.signal)).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it("a reason carrying kind 'timeout' (the resilience layer's attempt timeout) is a timeout too", () => {
    const c = new AbortController();
    c.abort(Object.assign(new Error('attempt timeout'), { kind: 'timeout' }));
    expect(fromAbort('p', c.signal).kind).toBe('timeout');
  });

  it('any other reason is a non-retryable cancellation', () => {
    const c = new AbortController();
    c.abort();
    expect(fromAbort('p', c.signal)).toMatchObject({ kind: 'aborted', retryable: false, status: 499 });
  });
});

describe('brokenStream', () => {
  const server = new ProviderError('x', { kind: 'server', provider: 'p', upstreamType: 'overloaded_error' });

  it('after deltas, a failure becomes stream_broken and keeps the upstream type', () => {
    expect(brokenStream('p', server, 3)).toMatchObject({ kind: 'stream_broken', deltasYielded: 3, upstreamType: 'overloaded_error', retryable: true });
  });

  it('before any delta, the failure keeps its own kind', () => {
    expect(brokenStream('p', server, 0)).toBe(server);
  });

  it('aborts and deadlines keep their kind even after deltas', () => {
    const aborted = new ProviderError('x', { kind: 'aborted', provider: 'p' });
    expect(brokenStream('p', aborted, 5)).toBe(aborted);
  });

  it('a stream that ended without its final event is broken, whatever was yielded', () => {
    expect(endedEarly('p', 0, 'message_stop')).toMatchObject({ kind: 'stream_broken', deltasYielded: 0 });
  });
});
