import { anyDigestMatches, decodeDigest, hmacSha256 } from './crypto.ts';
import { headerValue } from './headers.ts';
import { checkFreshness, noMatchMessage, reject } from './outcome.ts';
import type { SchemeVerifier } from './types.ts';

const HEADER = 'Stripe-Signature';

interface StripeHeader {
  timestamp: string | undefined;
  signatures: string[];
}

/**
 * `t=…,v1=…,v1=…,v0=…`, read exactly as Stripe's own library reads it
 * (stripe-node `parseHeader`): items split on `,` and `=` with no trimming, the
 * last `t` wins and is read with parseInt, every `v1` is a candidate, every
 * other scheme is ignored. So a header verifies here exactly when it verifies
 * there (src/webhooks/schemes/official-verdicts.test.ts).
 */
function parseStripeHeader(value: string): StripeHeader {
  const parsed: StripeHeader = { timestamp: undefined, signatures: [] };
  for (const item of value.split(',')) {
    const [key, val] = item.split('=');
    if (key === 't') parsed.timestamp = val;
    else if (key === 'v1' && val !== undefined) parsed.signatures.push(val);
  }
  return parsed;
}

// parseInt semantics (leading digits), as stripe-node; a timestamp with no
// leading digits is refused here, where stripe-node would verify it with no
// freshness check at all (NaN is never "outside the tolerance").
function stripeTimestamp(text: string): number | undefined {
  const n = Number.parseInt(text, 10);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Stripe: HMAC-SHA256 (hex) keyed with the endpoint secret as given — the
 * `whsec_` string itself, not decoded — over `${t}.${rawBody}`.
 */
export const verifyStripe: SchemeVerifier = (def, headers, rawBody, nowSeconds) => {
  const value = headerValue(headers, HEADER);
  if (value === undefined) return reject('missing_signature', `${HEADER} header is missing`);
  const parsed = parseStripeHeader(value);
  if (parsed.timestamp === undefined) return reject('missing_timestamp', `${HEADER} header has no t= timestamp element`);
  const timestamp = stripeTimestamp(parsed.timestamp);
  if (timestamp === undefined) return reject('malformed_signature', `${HEADER} t= element is not a unix timestamp in seconds`);
  if (parsed.signatures.length === 0) {
    return reject('malformed_signature', `${HEADER} header has no v1= signature (v0 and other schemes are ignored)`);
  }
  const candidates = parsed.signatures.flatMap((s) => decodeDigest(s, 'hex') ?? []);
  if (candidates.length === 0) {
    return reject('malformed_signature', `${HEADER} has ${parsed.signatures.length} v1= value(s), none of them a 64-character hex SHA-256 digest in lower case`);
  }
  const expected = def.secrets.map((secret) => hmacSha256(secret, [`${timestamp}.`, rawBody]));
  if (!anyDigestMatches(candidates, expected)) {
    return reject('invalid_signature', noMatchMessage(`${HEADER} v1`, candidates.length, def.secrets.length));
  }
  return checkFreshness(def, timestamp, nowSeconds, `${HEADER} timestamp`) ?? { valid: true, timestamp };
};
