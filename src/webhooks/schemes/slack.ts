import { anyDigestMatches, decodeDigest, hmacSha256 } from './crypto.ts';
import { headerValue } from './headers.ts';
import { checkFreshness, noMatchMessage, parseUnixSeconds, reject } from './outcome.ts';
import type { SchemeVerifier } from './types.ts';

const SIGNATURE = 'X-Slack-Signature';
const TIMESTAMP = 'X-Slack-Request-Timestamp';
const PREFIX = 'v0=';

/** Slack: `v0=<hex HMAC-SHA256>` of `v0:${timestamp}:${rawBody}`, keyed with the signing secret as a UTF-8 string. */
export const verifySlack: SchemeVerifier = (def, headers, rawBody, nowSeconds) => {
  const value = headerValue(headers, SIGNATURE);
  if (value === undefined) return reject('missing_signature', `${SIGNATURE} header is missing`);
  const stamp = headerValue(headers, TIMESTAMP);
  if (stamp === undefined) return reject('missing_timestamp', `${TIMESTAMP} header is missing`);
  const timestamp = parseUnixSeconds(stamp);
  if (timestamp === undefined) return reject('malformed_signature', `${TIMESTAMP} header is not a unix timestamp in seconds`);
  if (!value.startsWith(PREFIX)) return reject('malformed_signature', `${SIGNATURE} header does not start with ${PREFIX}`);
  const candidate = decodeDigest(value.slice(PREFIX.length), 'hex');
  if (candidate === undefined) return reject('malformed_signature', `${SIGNATURE} value after ${PREFIX} is not a 64-character hex digest in lower case (as the provider writes it)`);
  // The base string uses the header text exactly as sent, as Slack's recipe does.
  const expected = def.secrets.map((secret) => hmacSha256(secret, [`v0:${stamp}:`, rawBody]));
  if (!anyDigestMatches([candidate], expected)) return reject('invalid_signature', noMatchMessage(SIGNATURE, 1, def.secrets.length));
  return checkFreshness(def, timestamp, nowSeconds, `${TIMESTAMP}`) ?? { valid: true, timestamp };
};
