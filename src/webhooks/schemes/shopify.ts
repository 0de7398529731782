import { anyDigestMatches, decodeDigest, hmacSha256 } from './crypto.ts';
import { firstHeader } from './headers.ts';
import { noMatchMessage, reject } from './outcome.ts';
import type { SchemeVerifier } from './types.ts';

// Webhooks send the X- form; Shopify's newer Events deliveries drop the prefix.
const SIGNATURE_HEADERS = ['X-Shopify-Hmac-Sha256', 'Shopify-Hmac-Sha256'] as const;
const ID_HEADERS = ['X-Shopify-Webhook-Id', 'X-Shopify-Event-Id', 'Shopify-Webhook-Id'] as const;

/** Shopify: base64 HMAC-SHA256 of the raw body keyed with the app's client secret; no timestamp. */
export const verifyShopify: SchemeVerifier = (def, headers, rawBody) => {
  const signature = firstHeader(headers, SIGNATURE_HEADERS);
  if (signature === undefined) return reject('missing_signature', `${SIGNATURE_HEADERS[0]} header is missing`);
  const candidate = decodeDigest(signature.value, 'base64');
  if (candidate === undefined) return reject('malformed_signature', `${signature.name} header is not a base64 SHA-256 digest`);
  const expected = def.secrets.map((secret) => hmacSha256(secret, [rawBody]));
  if (!anyDigestMatches([candidate], expected)) return reject('invalid_signature', noMatchMessage(signature.name, 1, def.secrets.length));
  const id = firstHeader(headers, ID_HEADERS)?.value;
  return id === undefined ? { valid: true } : { valid: true, id };
};
