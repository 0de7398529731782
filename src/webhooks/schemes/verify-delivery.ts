import { verifyGitHub } from './github.ts';
import { verifyGenericHmac } from './hmac.ts';
import { verifyShopify } from './shopify.ts';
import { verifySlack } from './slack.ts';
import { verifyStandardWebhook } from './standard-webhooks.ts';
import { verifyStripe } from './stripe.ts';
import { assertSourceDefinition } from './validate.ts';
import type { IncomingHeaders, SchemeName, SchemeVerifier, SourceDefinition, VerifyResult } from './types.ts';

const VERIFIERS: Readonly<Record<SchemeName, SchemeVerifier>> = Object.freeze({
  stripe: verifyStripe,
  'standard-webhooks': verifyStandardWebhook,
  github: verifyGitHub,
  shopify: verifyShopify,
  slack: verifySlack,
  hmac: verifyGenericHmac,
});

/**
 * Verifies one inbound delivery against its source definition.
 *
 * - `rawBody` must be the exact bytes received: signatures cover bytes, so a
 *   parsed-and-re-serialised body fails even when it holds the same data.
 * - Headers are matched case-insensitively.
 * - The signature is checked first, then the timestamp, so `stale_timestamp`
 *   and `future_timestamp` always describe an authentic delivery that arrived
 *   outside the tolerance (replay or clock skew), never a forgery.
 *
 * Pure and synchronous. Throws `WEBHOOK_SOURCE_INVALID` only for a definition
 * the config schema would have refused.
 */
export function verifyDelivery(def: SourceDefinition, headers: IncomingHeaders, rawBody: Buffer, nowSeconds: number): VerifyResult {
  assertSourceDefinition(def, 'source', { allowUnknownKeys: true });
  return VERIFIERS[def.scheme](def, headers, rawBody, Math.floor(nowSeconds));
}
