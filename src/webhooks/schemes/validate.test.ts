import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../kernel/index.ts';
import { assertSourceDefinition, checkSourceDefinition, SOURCE_DEFINITION_SCHEMA, verifyDelivery } from './index.ts';

const cases: Array<[string, unknown, boolean]> = [
  ['stripe with one secret', { scheme: 'stripe', secrets: ['whsec_abc'] }, true],
  ['standard with rotation and tolerance', { scheme: 'standard-webhooks', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_c2VjcmV0'], tolerance: 60 }, true],
  ['generic hmac', { scheme: 'hmac', secrets: ['s'], hmac: { signatureHeader: 'X-Sig', encoding: 'hex', prefix: 'sha256=' } }, true],
  ['generic hmac with timestamp', { scheme: 'hmac', secrets: ['s'], hmac: { signatureHeader: 'X-Sig', timestampHeader: 'X-Ts', encoding: 'base64', payload: 'timestamp.body' } }, true],
  ['unknown scheme', { scheme: 'paypal', secrets: ['s'] }, false],
  ['no secrets', { scheme: 'github', secrets: [] }, false],
  ['empty secret', { scheme: 'github', secrets: [''] }, false],
  ['zero tolerance', { scheme: 'slack', secrets: ['s'], tolerance: 0 }, false],
  ['fractional tolerance', { scheme: 'slack', secrets: ['s'], tolerance: 1.5 }, false],
  ['hmac scheme without options', { scheme: 'hmac', secrets: ['s'] }, false],
  ['hmac with bad encoding', { scheme: 'hmac', secrets: ['s'], hmac: { signatureHeader: 'X-Sig', encoding: 'base32' } }, false],
  ['timestamp.body without a timestamp header', { scheme: 'hmac', secrets: ['s'], hmac: { signatureHeader: 'X-Sig', encoding: 'hex', payload: 'timestamp.body' } }, false],
  ['unknown key', { scheme: 'github', secrets: ['s'], secret: 's' }, false],
  ['not an object', 'github', false],
];

describe('source definitions', () => {
  const validate = new Ajv({ allErrors: true }).compile(SOURCE_DEFINITION_SCHEMA);

  it.each(cases)('%s → valid=%s in both the JSON Schema and the checker', (_name, value, valid) => {
    expect(validate(value)).toBe(valid);
    expect(checkSourceDefinition(value).ok).toBe(valid);
  });

  it('also refuses a Standard Webhooks secret that is not base64 (beyond the schema)', () => {
    const checked = checkSourceDefinition({ scheme: 'standard-webhooks', secrets: ['whsec_not base64!'] });

    expect(checked).toEqual({ ok: false, errors: ['secrets[0] is not a whsec_<base64> secret'] });
  });

  it('lists every problem, naming fields but never secret values', () => {
    const error = (() => {
      try {
        assertSourceDefinition({ scheme: 'standard-webhooks', secrets: ['whsec_$$topsecret$$'], tolerance: -1 }, 'sources.reviews');
      } catch (e) {
        return e;
      }
      return undefined;
    })();

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('WEBHOOK_SOURCE_INVALID');
    expect((error as ValidationError).message).toContain('sources.reviews');
    expect((error as ValidationError).message).toContain('tolerance must be');
    expect((error as ValidationError).message).not.toContain('topsecret');
  });

  it('verifyDelivery refuses an unusable definition but tolerates extra config keys', () => {
    expect(() => verifyDelivery({ scheme: 'hmac', secrets: ['s'] }, {}, Buffer.alloc(0), 0)).toThrow(ValidationError);
    const withExtra = { scheme: 'github' as const, secrets: ['s'], topic: 'catalog' };

    expect(verifyDelivery(withExtra, {}, Buffer.alloc(0), 0)).toMatchObject({ reason: 'missing_signature' });
  });
});
