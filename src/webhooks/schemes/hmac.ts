import { anyDigestMatches, decodeDigest, hmacSha256 } from './crypto.ts';
import { headerValue } from './headers.ts';
import { checkFreshness, noMatchMessage, parseUnixSeconds, reject } from './outcome.ts';
import type { HmacOptions, SchemeVerifier } from './types.ts';

/** What the generic scheme signs when `payload` is not given. */
export function effectivePayload(options: HmacOptions): 'body' | 'timestamp.body' {
  return options.payload ?? (options.timestampHeader !== undefined ? 'timestamp.body' : 'body');
}

/**
 * Generic HMAC-SHA256 for providers without a named scheme: a configurable
 * signature header (optionally prefixed, hex or base64) over the raw body or
 * `${timestamp}.${body}`. The source definition must carry `hmac` options
 * (`verifyDelivery` checks that before calling).
 */
export const verifyGenericHmac: SchemeVerifier = (def, headers, rawBody, nowSeconds) => {
  const options = def.hmac as HmacOptions;
  const header = options.signatureHeader;
  const value = headerValue(headers, header);
  if (value === undefined) return reject('missing_signature', `${header} header is missing`);

  let timestamp: number | undefined;
  let stampText: string | undefined;
  if (options.timestampHeader !== undefined) {
    stampText = headerValue(headers, options.timestampHeader);
    if (stampText === undefined) return reject('missing_timestamp', `${options.timestampHeader} header is missing`);
    timestamp = parseUnixSeconds(stampText);
    if (timestamp === undefined) return reject('malformed_signature', `${options.timestampHeader} header is not a unix timestamp in seconds`);
  }

  const prefix = options.prefix ?? '';
  if (!value.startsWith(prefix)) return reject('malformed_signature', `${header} header does not start with ${prefix}`);
  const candidate = decodeDigest(value.slice(prefix.length), options.encoding === 'hex' ? 'hex-any-case' : options.encoding);
  if (candidate === undefined) return reject('malformed_signature', `${header} header is not a ${options.encoding} SHA-256 digest`);

  const parts = effectivePayload(options) === 'timestamp.body' ? [`${stampText}.`, rawBody] : [rawBody];
  const expected = def.secrets.map((secret) => hmacSha256(secret, parts));
  if (!anyDigestMatches([candidate], expected)) return reject('invalid_signature', noMatchMessage(header, 1, def.secrets.length));
  if (timestamp === undefined) return { valid: true };
  return checkFreshness(def, timestamp, nowSeconds, options.timestampHeader as string) ?? { valid: true, timestamp };
};
