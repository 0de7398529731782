import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../kernel/index.ts';
import { decodeStandardSecret, STANDARD_SECRET_PREFIX, standardSignature } from '../schemes/index.ts';

export interface SignStandardWebhookInput {
  /** The message id; stays the same on every retry, so receivers can dedupe on it. Must not contain '.'. */
  id: string;
  /** Time of this attempt, unix seconds (or a Date); a retry is signed anew with a new timestamp. */
  timestamp: number | Date;
  /** The exact bytes that will be sent as the request body. */
  body: string | Buffer;
  /** `whsec_<base64>`; several during rotation, each adding one `v1,` signature. */
  secret: string | readonly string[];
}

export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

function invalid(message: string): ValidationError {
  return new ValidationError('WEBHOOK_SIGNING_INPUT_INVALID', message);
}

function toSeconds(timestamp: number | Date): number {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isInteger(seconds) || seconds < 0) throw invalid('timestamp must be whole unix seconds (or a valid Date)');
  return seconds;
}

/**
 * The three Standard Webhooks headers for one outbound attempt: HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` keyed with the decoded secret, written `v1,<base64>`.
 * With several secrets the signatures are space-separated, so receivers keep
 * verifying while they switch to a new secret.
 */
export function signStandardWebhook(input: SignStandardWebhookInput): StandardWebhookHeaders {
  if (input.id === '' || /[.\s]/.test(input.id)) throw invalid('id must be non-empty and contain no "." or whitespace (it is part of the signed content)');
  const timestamp = toSeconds(input.timestamp);
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  if (secrets.length === 0) throw invalid('at least one secret is required');
  const signatures = secrets.map((secret, i) => {
    const key = decodeStandardSecret(secret);
    if (key === undefined) throw invalid(`secret ${i} is not a whsec_<base64> secret`);
    return `v1,${standardSignature(key, input.id, timestamp, input.body)}`;
  });
  return { 'webhook-id': input.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}

const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/** A new random signing secret, `whsec_<base64>`; the spec asks for 24 to 64 random bytes (default 32). */
export function generateWebhookSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw invalid(`a secret must be ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} random bytes`);
  }
  return STANDARD_SECRET_PREFIX + randomBytes(bytes).toString('base64');
}
