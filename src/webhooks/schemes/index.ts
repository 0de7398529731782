export { verifyDelivery } from './verify-delivery.ts';
export { maskHeaders, maskSignature } from './mask.ts';
export { checkSourceDefinition, assertSourceDefinition } from './validate.ts';
export type { SourceCheck, CheckOptions } from './validate.ts';
export { WEBHOOK_CODES, REJECTION_CODES, rejectionError } from './errors.ts';
export type { WebhookCode } from './errors.ts';
export { decodeStandardSecret, standardSignature, STANDARD_SECRET_PREFIX } from './standard-webhooks.ts';
export { effectivePayload } from './hmac.ts';
export { hmacSha256 } from './crypto.ts';
export { headerValue } from './headers.ts';
export { SCHEME_NAMES, SOURCE_DEFINITION_SCHEMA, DEFAULT_TOLERANCE_SECONDS } from './types.ts';
export type {
  SchemeName,
  SourceDefinition,
  HmacOptions,
  IncomingHeaders,
  RejectReason,
  VerifiedDelivery,
  RejectedDelivery,
  VerifyResult,
} from './types.ts';
