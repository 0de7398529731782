import { anyDigestMatches, decodeDigest, hmacSha256 } from './crypto.ts';
import { firstHeader } from './headers.ts';
import { checkFreshness, noMatchMessage, parseUnixSeconds, reject } from './outcome.ts';
import type { SchemeVerifier } from './types.ts';

// Svix sends `svix-*`, Standard Webhooks `webhook-*`; like the svix library, prefer `svix-*` when both are present.
const ID_HEADERS = ['svix-id', 'webhook-id'] as const;
const TIMESTAMP_HEADERS = ['svix-timestamp', 'webhook-timestamp'] as const;
const SIGNATURE_HEADERS = ['svix-signature', 'webhook-signature'] as const;

export const STANDARD_SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The HMAC key of a `whsec_<base64>` secret (the prefix is optional, as in the
 * reference libraries), or `undefined` when the rest is not base64 or is empty.
 */
export function decodeStandardSecret(secret: string): Buffer | undefined {
  const body = secret.startsWith(STANDARD_SECRET_PREFIX) ? secret.slice(STANDARD_SECRET_PREFIX.length) : secret;
  if (body === '' || !BASE64.test(body)) return undefined;
  return Buffer.from(body, 'base64');
}

/** Signs `${id}.${timestamp}.${body}` with HMAC-SHA256; the `v1,` signature body in base64. */
export function standardSignature(key: Buffer, id: string, timestamp: number, body: string | Buffer): string {
  return hmacSha256(key, [`${id}.${timestamp}.`, body]).toString('base64');
}

/** Standard Webhooks (and Svix): space-separated `v1,<base64>` entries over `${id}.${timestamp}.${body}`. */
export const verifyStandardWebhook: SchemeVerifier = (def, headers, rawBody, nowSeconds) => {
  const signature = firstHeader(headers, SIGNATURE_HEADERS);
  if (signature === undefined) return reject('missing_signature', 'webhook-signature (or svix-signature) header is missing');
  const id = firstHeader(headers, ID_HEADERS);
  if (id === undefined) return reject('missing_signature', 'webhook-id (or svix-id) header is missing; the signature covers it');
  const stamp = firstHeader(headers, TIMESTAMP_HEADERS);
  if (stamp === undefined) return reject('missing_timestamp', 'webhook-timestamp (or svix-timestamp) header is missing');
  const timestamp = parseUnixSeconds(stamp.value);
  if (timestamp === undefined) return reject('malformed_signature', `${stamp.name} header is not a unix timestamp in seconds`);

  const entries = signature.value.split(/\s+/).filter((e) => e.startsWith('v1,'));
  if (entries.length === 0) return reject('malformed_signature', `${signature.name} header has no v1,<base64> entry (v1a and others are ignored)`);
  const candidates = entries.flatMap((e) => decodeDigest(e.slice(3), 'base64') ?? []);
  if (candidates.length === 0) {
    return reject('malformed_signature', `${signature.name} has ${entries.length} v1 entries, none of them a base64 SHA-256 digest`);
  }
  const keys = def.secrets.flatMap((s) => decodeStandardSecret(s) ?? []);
  const expected = keys.map((key) => Buffer.from(standardSignature(key, id.value, timestamp, rawBody), 'base64'));
  if (!anyDigestMatches(candidates, expected)) {
    return reject('invalid_signature', noMatchMessage(signature.name, candidates.length, keys.length));
  }
  return checkFreshness(def, timestamp, nowSeconds, `${stamp.name}`) ?? { valid: true, timestamp, id: id.value };
};
