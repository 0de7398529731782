import { describe, expect, it } from 'vitest';
import { HashiError } from '../../kernel/index.ts';
import { PROVIDER_CODES, ProviderError, type ProviderErrorKind } from './errors.ts';

describe('PROVIDER_CODES', () => {
  it('are UPPER_SNAKE, prefixed, documented, with an HTTP status', () => {
    for (const [code, spec] of Object.entries(PROVIDER_CODES)) {
      expect(code).toMatch(/^FM_PROVIDER_[A-Z_]+$/);
      expect(spec.description.length).toBeGreaterThan(20);
      expect(spec.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('ProviderError', () => {
  it.each([
    ['throttled', true, 'FM_PROVIDER_THROTTLED', 429],
    ['server', true, 'FM_PROVIDER_SERVER', 502],
    ['timeout', true, 'FM_PROVIDER_TIMEOUT', 504],
    ['connection', true, 'FM_PROVIDER_CONNECTION', 502],
    ['stream_broken', true, 'FM_PROVIDER_STREAM_BROKEN', 502],
    ['client', false, 'FM_PROVIDER_REJECTED', 422],
    ['aborted', false, 'FM_PROVIDER_ABORTED', 499],
  ] as const)('%s → retryable %s, code %s, edge status %i', (kind: ProviderErrorKind, retryable, code, status) => {
    const err = new ProviderError('m', { kind, provider: 'p' });
    expect(err).toBeInstanceOf(HashiError);
    expect(err).toMatchObject({ kind, retryable, code, status });
  });

  it('an explicit non-retryable code wins over the kind', () => {
    expect(new ProviderError('m', { kind: 'client', code: 'FM_PROVIDER_UNSUPPORTED', provider: 'p' }).retryable).toBe(false);
  });

  it('exposes what the edge and logs need in details', () => {
    const err = new ProviderError('m', { kind: 'throttled', provider: 'bedrock', upstreamStatus: 429, upstreamType: 'ThrottlingException' });
    expect(err.details).toMatchObject({ provider: 'bedrock', kind: 'throttled', upstreamStatus: 429, upstreamType: 'ThrottlingException' });
  });
});
