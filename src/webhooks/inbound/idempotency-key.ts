import { createHash } from 'node:crypto';
import { headerValue } from '../schemes/index.ts';
import type { IncomingHeaders, SchemeName, VerifiedDelivery } from '../schemes/index.ts';
import { readPath } from './json-path.ts';

/** Where a source's idempotency key comes from. */
export type KeySpec = { header: string } | { field: string };

export type KeySource = 'header' | 'field' | 'delivery-id' | 'body-hash';

export type DerivedKey = { ok: true; key: string; from: KeySource } | { ok: false; message: string };

/**
 * Per scheme, when the source does not say: the provider's own delivery id
 * where it has one (Stripe's event `id` in the body; the id header of
 * Standard Webhooks, GitHub and Shopify; Slack's `event_id`), else a hash of
 * the exact bytes (a resent identical body is then the same delivery).
 */
const DEFAULT_FIELD: Partial<Record<SchemeName, string>> = { stripe: 'id', slack: 'event_id' };

// Keys are stored as given up to this length; longer ones as their hash.
const MAX_KEY_LENGTH = 200;

function bodyHash(rawBody: Buffer): string {
  return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

function usable(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function bounded(key: string): string {
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

function readField(payload: unknown, field: string): string | undefined {
  return usable(field.startsWith('$') ? readPath(payload, field) : readPath(payload, `$['${field.replace(/'/g, "\\'")}']`));
}

export interface KeyInput {
  scheme: SchemeName;
  spec: KeySpec | undefined;
  headers: IncomingHeaders;
  /** Parsed JSON body; undefined for raw sources. */
  payload: unknown;
  rawBody: Buffer;
  verified: VerifiedDelivery;
}

/** The key of one delivery. A key the source configured but the delivery lacks is an error, not a fallback. */
export function deriveIdempotencyKey(input: KeyInput): DerivedKey {
  const { spec } = input;
  if (spec !== undefined && 'header' in spec) {
    const value = headerValue(input.headers, spec.header);
    return value === undefined ? { ok: false, message: `idempotency key header ${spec.header} is missing` } : { ok: true, key: bounded(value), from: 'header' };
  }
  if (spec !== undefined) {
    const value = readField(input.payload, spec.field);
    return value === undefined ? { ok: false, message: `idempotency key field ${spec.field} is missing from the JSON body` } : { ok: true, key: bounded(value), from: 'field' };
  }
  const field = DEFAULT_FIELD[input.scheme];
  const fromField = field === undefined ? undefined : readField(input.payload, field);
  if (fromField !== undefined) return { ok: true, key: bounded(fromField), from: 'field' };
  if (input.verified.id !== undefined) return { ok: true, key: bounded(input.verified.id), from: 'delivery-id' };
  return { ok: true, key: bodyHash(input.rawBody), from: 'body-hash' };
}
