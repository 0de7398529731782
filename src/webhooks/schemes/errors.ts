import { AuthError, defineCodes } from '../../kernel/index.ts';
import type { RejectReason, RejectedDelivery } from './types.ts';

/**
 * Codes of the webhook core. Kept here until `src/webhooks/errors.ts` exists;
 * the lead can move the table there unchanged.
 */
export const WEBHOOK_CODES = defineCodes({
  WEBHOOK_SIGNATURE_MISSING: { status: 401, description: 'The delivery has no signature header (or lacks a header the signature covers).' },
  WEBHOOK_TIMESTAMP_MISSING: { status: 401, description: 'The scheme signs a timestamp but the delivery has none.' },
  WEBHOOK_SIGNATURE_MALFORMED: { status: 401, description: 'The signature or timestamp header cannot be parsed.' },
  WEBHOOK_SIGNATURE_INVALID: { status: 403, description: 'No signature matches any configured secret for this source.' },
  WEBHOOK_TIMESTAMP_STALE: { status: 403, description: 'Correctly signed, but the signed timestamp is older than the tolerance (possible replay).' },
  WEBHOOK_TIMESTAMP_FUTURE: { status: 403, description: 'Correctly signed, but the signed timestamp is further ahead than the tolerance (clock skew).' },
  WEBHOOK_SOURCE_INVALID: { status: 400, description: 'A source definition is not valid (bad scheme, no secrets, bad hmac options).' },
  WEBHOOK_VERIFY_INPUT_INVALID: { status: 400, description: '`hashi webhooks verify` was given a headers file, body or --at value it cannot use.' },
  WEBHOOK_SIGNING_INPUT_INVALID: { status: 400, description: 'Outbound signing was given an id, timestamp or secret it cannot sign with.' },
  WEBHOOK_ENDPOINT_REFUSED: { status: 400, description: 'An outbound endpoint is not http(s) or resolves to a private, loopback or otherwise internal address.' },
  WEBHOOK_ENDPOINT_ALLOWLIST_INVALID: { status: 400, description: 'An entry of the outbound allow list is neither a CIDR, an IP address nor a host name.' },
  WEBHOOK_ENDPOINT_UNRESOLVED: { status: 503, description: "An outbound endpoint's host name could not be resolved; retry later." },
});

export type WebhookCode = keyof typeof WEBHOOK_CODES;

/** Reject reason → the stable code (and through it the HTTP status) the edge answers with. */
export const REJECTION_CODES: Readonly<Record<RejectReason, WebhookCode>> = Object.freeze({
  missing_signature: 'WEBHOOK_SIGNATURE_MISSING',
  missing_timestamp: 'WEBHOOK_TIMESTAMP_MISSING',
  malformed_signature: 'WEBHOOK_SIGNATURE_MALFORMED',
  invalid_signature: 'WEBHOOK_SIGNATURE_INVALID',
  stale_timestamp: 'WEBHOOK_TIMESTAMP_STALE',
  future_timestamp: 'WEBHOOK_TIMESTAMP_FUTURE',
});

/** The error the HTTP edge throws for a rejected delivery: 401 or 403 with the scheme's message. */
export function rejectionError(rejected: RejectedDelivery): AuthError {
  const code = REJECTION_CODES[rejected.reason];
  return new AuthError(code, rejected.message, {
    status: WEBHOOK_CODES[code].status,
    details: { reason: rejected.reason },
  });
}
