/**
 * The one list of credential-bearing names, for headers and query parameters
 * alike, and the one redaction every logger and every store of headers uses.
 * Names are compared decoded and normalised (`API%5FKey`, `api_key`, `Api-Key`
 * and `apikey` are one name), so a spelling the auth does not accept is hidden
 * as well as the one it does.
 */

/** Headers and parameters that carry a signature: kept truncated, so a delivery can be investigated. */
const SIGNATURE_NAMES = ['stripe-signature', 'webhook-signature', 'svix-signature', 'x-hub-signature-256', 'x-hub-signature', 'x-shopify-hmac-sha256', 'shopify-hmac-sha256', 'x-slack-signature', 'signature', 'sig'];

/** Headers and parameters that carry a secret: never shown at all. */
const SECRET_NAMES = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'apikey', 'x-admin-key', 'admin-key', 'key', 'token', 'access-token', 'auth', 'password', 'secret', 'client-secret', 'x-shopify-access-token'];

// Anything else named like one (a generic source's X-Catalog-Signature, x-client-secret, x-auth-token…).
const SIGNATURE_LIKE = /signature|hmac/;
const SECRET_LIKE = /authorization|cookie|secret|token|passw|api-?key|admin-?key|credential|private-?key/;

export const CREDENTIAL_NAMES: { readonly signatures: readonly string[]; readonly secrets: readonly string[] } = Object.freeze({
  signatures: Object.freeze([...SIGNATURE_NAMES]),
  secrets: Object.freeze([...SECRET_NAMES]),
});

const signatures = new Set(SIGNATURE_NAMES);
const secrets = new Set(SECRET_NAMES);

/** A name as the comparison sees it: percent-decoded, lower case, `_`, `.` and spaces as `-`. */
export function normaliseName(name: string): string {
  // Byte by byte, so a malformed escape elsewhere in the name cannot stop the decoding.
  const decoded = name.replace(/\+/g, ' ').replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return decoded.trim().toLowerCase().replace(/[_.\s]+/g, '-');
}

/** Whether a header or parameter name carries a credential, and which kind. */
export function credentialKind(name: string, extraSignatureNames: readonly string[] = []): 'signature' | 'secret' | undefined {
  const n = normaliseName(name);
  if (signatures.has(n) || extraSignatureNames.some((s) => normaliseName(s) === n)) return 'signature';
  if (secrets.has(n) || SECRET_LIKE.test(n)) return 'secret';
  if (SIGNATURE_LIKE.test(n)) return 'signature';
  return undefined;
}

export const REDACTED = '[redacted]';

const MAX_SHOWN = 10;

const MASKED = /…\[\d+ chars masked\]$/;

/**
 * A signature shortened so it can be logged: at most a quarter of it (and at
 * most 10 characters) survives, followed by how much was hidden. Never the
 * whole value. Masking a masked value changes nothing.
 */
export function maskSignature(value: string): string {
  if (MASKED.test(value)) return value;
  const shown = Math.min(MAX_SHOWN, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}…[${value.length - shown} chars masked]`;
}

type HeaderValue = string | string[] | number | undefined;

/**
 * A copy of `headers` safe to log or store: secrets replaced by `[redacted]`,
 * signatures truncated, everything else kept (ids and timestamps are needed to
 * investigate a delivery). `signatureHeaders` names more signature headers (a
 * generic webhook source's own).
 */
export function redactHeaders(headers: Readonly<Record<string, HeaderValue>>, signatureHeaders: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const kind = credentialKind(name, signatureHeaders);
    const text = typeof value === 'number' ? String(value) : value;
    if (kind === 'secret') out[name] = REDACTED;
    else if (kind === 'signature') out[name] = Array.isArray(text) ? text.map(maskSignature) : maskSignature(text);
    else out[name] = Array.isArray(text) ? [...text] : text;
  }
  return out;
}

/**
 * The URL as it may be logged: the value of every query parameter whose
 * decoded name carries a credential (`api_key`, `api%5Fkey`, `API-KEY`,
 * `token`…) becomes `[redacted]`; the rest of the URL is left as received.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return credentialKind(name) !== undefined && eq >= 0 ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${redacted}${hash < 0 ? '' : url.slice(hash)}`;
}
