import type { IncomingHeaders, SourceDefinition } from './types.ts';

/** Headers that carry a provider signature; kept, but truncated. */
export const SIGNATURE_HEADER_NAMES: readonly string[] = Object.freeze([
  'stripe-signature',
  'webhook-signature',
  'svix-signature',
  'x-hub-signature-256',
  'x-hub-signature',
  'x-shopify-hmac-sha256',
  'shopify-hmac-sha256',
  'x-slack-signature',
]);

// Credentials, cookies and anything named like a secret are dropped outright.
const SECRET_LIKE = /authorization|cookie|secret|token|passw|api[-_]?key|session|credential|private/i;

const MAX_SHOWN = 10;

/**
 * A signature shortened so it can be logged: at most a quarter of it (and at
 * most 10 characters) survives, followed by how much was hidden. Never the whole value.
 */
export function maskSignature(value: string): string {
  const shown = Math.min(MAX_SHOWN, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}…[${value.length - shown} chars masked]`;
}

function maskValue(value: string | string[]): string | string[] {
  return Array.isArray(value) ? value.map(maskSignature) : maskSignature(value);
}

/**
 * A copy of `headers` safe to store with a delivery or to log: signature
 * headers truncated, credential-like headers removed, everything else kept
 * (ids and timestamps stay, they are needed to investigate a delivery). Pass the
 * source definition so a generic `hmac` source's own signature header is
 * truncated too.
 */
export function maskHeaders(headers: IncomingHeaders, def?: SourceDefinition): Record<string, string | string[]> {
  const signatureNames = new Set(SIGNATURE_HEADER_NAMES);
  if (def?.hmac?.signatureHeader !== undefined) signatureNames.add(def.hmac.signatureHeader.toLowerCase());
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (signatureNames.has(lower)) out[name] = maskValue(value);
    else if (!SECRET_LIKE.test(lower)) out[name] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}
