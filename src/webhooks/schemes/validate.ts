import { ValidationError } from '../../kernel/index.ts';
import { decodeStandardSecret } from './standard-webhooks.ts';
import { SCHEME_NAMES } from './types.ts';
import type { SourceDefinition } from './types.ts';

export interface CheckOptions {
  /** Accept keys beyond the four of SourceDefinition (a config entry may carry more). */
  allowUnknownKeys?: boolean;
}

export type SourceCheck = { ok: true; def: SourceDefinition } | { ok: false; errors: string[] };

const TOP_KEYS = new Set(['scheme', 'secrets', 'tolerance', 'hmac']);
const HMAC_KEYS = new Set(['signatureHeader', 'timestampHeader', 'encoding', 'prefix', 'payload']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function checkHmac(hmac: unknown, errors: string[]): void {
  if (!isRecord(hmac)) return void errors.push('hmac must be an object');
  for (const key of Object.keys(hmac)) if (!HMAC_KEYS.has(key)) errors.push(`hmac.${key} is not a known property`);
  if (!nonEmptyString(hmac.signatureHeader)) errors.push('hmac.signatureHeader must be a non-empty string');
  if (hmac.encoding !== 'hex' && hmac.encoding !== 'base64') errors.push('hmac.encoding must be "hex" or "base64"');
  if (hmac.timestampHeader !== undefined && !nonEmptyString(hmac.timestampHeader)) errors.push('hmac.timestampHeader must be a non-empty string');
  if (hmac.prefix !== undefined && typeof hmac.prefix !== 'string') errors.push('hmac.prefix must be a string');
  if (hmac.payload !== undefined && hmac.payload !== 'body' && hmac.payload !== 'timestamp.body') {
    errors.push('hmac.payload must be "body" or "timestamp.body"');
  }
  if (hmac.payload === 'timestamp.body' && hmac.timestampHeader === undefined) {
    errors.push('hmac.payload "timestamp.body" needs hmac.timestampHeader');
  }
}

/**
 * Checks a source definition from untrusted input (a JSONL line, an API body)
 * with the same rules as SOURCE_DEFINITION_SCHEMA, plus one the schema cannot
 * say: Standard Webhooks secrets must be `whsec_<base64>`. Messages name the
 * offending field, never a secret's value.
 */
export function checkSourceDefinition(value: unknown, options: CheckOptions = {}): SourceCheck {
  if (!isRecord(value)) return { ok: false, errors: ['source definition must be an object'] };
  const errors: string[] = [];
  if (options.allowUnknownKeys !== true) {
    for (const key of Object.keys(value)) if (!TOP_KEYS.has(key)) errors.push(`${key} is not a known property`);
  }
  const scheme = value.scheme;
  if (typeof scheme !== 'string' || !(SCHEME_NAMES as readonly string[]).includes(scheme)) {
    errors.push(`scheme must be one of ${SCHEME_NAMES.join(', ')}`);
  }
  const secrets = value.secrets;
  if (!Array.isArray(secrets) || secrets.length === 0 || !secrets.every(nonEmptyString)) {
    errors.push('secrets must be a non-empty array of non-empty strings');
  } else if (scheme === 'standard-webhooks') {
    secrets.forEach((s, i) => {
      if (decodeStandardSecret(s) === undefined) errors.push(`secrets[${i}] is not a whsec_<base64> secret`);
    });
  }
  const tolerance = value.tolerance;
  if (tolerance !== undefined && !(Number.isInteger(tolerance) && (tolerance as number) >= 1)) {
    errors.push('tolerance must be a whole number of seconds, at least 1');
  }
  if (value.hmac !== undefined) checkHmac(value.hmac, errors);
  else if (scheme === 'hmac') errors.push('hmac options are required when scheme is "hmac"');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, def: value as unknown as SourceDefinition };
}

/** Like checkSourceDefinition, but throws `WEBHOOK_SOURCE_INVALID` listing every problem. */
export function assertSourceDefinition(value: unknown, name = 'source', options: CheckOptions = {}): SourceDefinition {
  const checked = checkSourceDefinition(value, options);
  if (checked.ok) return checked.def;
  throw new ValidationError('WEBHOOK_SOURCE_INVALID', `${name} is not a valid webhook source: ${checked.errors.join('; ')}`, {
    details: { errors: checked.errors },
  });
}
