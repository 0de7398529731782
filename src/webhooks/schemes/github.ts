import { anyDigestMatches, decodeDigest, hmacSha256 } from './crypto.ts';
import { headerValue } from './headers.ts';
import { noMatchMessage, reject } from './outcome.ts';
import type { SchemeVerifier } from './types.ts';

const HEADER = 'X-Hub-Signature-256';
const PREFIX = 'sha256=';

/** GitHub: `sha256=<hex HMAC-SHA256 of the raw body>`; no timestamp. The SHA-1 `X-Hub-Signature` is not accepted. */
export const verifyGitHub: SchemeVerifier = (def, headers, rawBody) => {
  const value = headerValue(headers, HEADER);
  if (value === undefined) {
    const legacy = headerValue(headers, 'X-Hub-Signature') !== undefined ? ' (the SHA-1 X-Hub-Signature is not accepted)' : '';
    return reject('missing_signature', `${HEADER} header is missing${legacy}`);
  }
  if (!value.startsWith(PREFIX)) return reject('malformed_signature', `${HEADER} header does not start with ${PREFIX}`);
  const candidate = decodeDigest(value.slice(PREFIX.length), 'hex');
  if (candidate === undefined) return reject('malformed_signature', `${HEADER} value after ${PREFIX} is not a 64-character hex digest in lower case (as the provider writes it)`);
  const expected = def.secrets.map((secret) => hmacSha256(secret, [rawBody]));
  if (!anyDigestMatches([candidate], expected)) return reject('invalid_signature', noMatchMessage(HEADER, 1, def.secrets.length));
  const id = headerValue(headers, 'X-GitHub-Delivery');
  return id === undefined ? { valid: true } : { valid: true, id };
};
