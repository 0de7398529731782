import { describe, expect, it } from 'vitest';
import { AuthError } from '../../kernel/index.ts';
import { REJECTION_CODES, rejectionError, WEBHOOK_CODES } from './index.ts';
import type { RejectReason } from './index.ts';

describe('webhook error codes', () => {
  it('maps every reject reason to a documented code', () => {
    for (const code of Object.values(REJECTION_CODES)) {
      expect(WEBHOOK_CODES[code].description.length).toBeGreaterThan(10);
    }
    expect(new Set(Object.values(REJECTION_CODES)).size).toBe(Object.keys(REJECTION_CODES).length);
  });

  it.each<[RejectReason, number]>([
    ['missing_signature', 401],
    ['missing_timestamp', 401],
    ['malformed_signature', 401],
    ['invalid_signature', 403],
    ['stale_timestamp', 403],
    ['future_timestamp', 403],
  ])('%s becomes HTTP %i', (reason, status) => {
    const error = rejectionError({ valid: false, reason, message: 'why' });

    expect(error).toBeInstanceOf(AuthError);
    expect(error.status).toBe(status);
    expect(error.code).toBe(REJECTION_CODES[reason]);
    expect(error.message).toBe('why');
  });

  it('gives stale and future timestamps codes distinct from a bad signature', () => {
    const codes = (['invalid_signature', 'stale_timestamp', 'future_timestamp'] as const).map((r) => REJECTION_CODES[r]);

    expect(new Set(codes).size).toBe(3);
  });
});
