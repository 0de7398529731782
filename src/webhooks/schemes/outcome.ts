import { DEFAULT_TOLERANCE_SECONDS } from './types.ts';
import type { RejectReason, RejectedDelivery, SourceDefinition } from './types.ts';

export function reject(reason: RejectReason, message: string): RejectedDelivery {
  return { valid: false, reason, message };
}

const UNIX_SECONDS = /^\d{1,12}$/;

/** Parses a unix-seconds timestamp header; `undefined` when it is not a plain non-negative integer. */
export function parseUnixSeconds(text: string): number | undefined {
  return UNIX_SECONDS.test(text) ? Number(text) : undefined;
}

/**
 * Rejects a signed timestamp more than `tolerance` seconds away from now, in
 * either direction. Exactly `tolerance` seconds away is still accepted.
 */
export function checkFreshness(def: SourceDefinition, timestamp: number, nowSeconds: number, label: string): RejectedDelivery | undefined {
  const tolerance = def.tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  const age = nowSeconds - timestamp;
  if (age > tolerance) {
    return reject(
      'stale_timestamp',
      `${label} is ${age} seconds old, ${age - tolerance} seconds past the ${tolerance}-second tolerance; a late or replayed delivery`,
    );
  }
  if (-age > tolerance) {
    return reject(
      'future_timestamp',
      `${label} is ${-age} seconds in the future, ${-age - tolerance} seconds past the ${tolerance}-second tolerance; check the sender's clock`,
    );
  }
  return undefined;
}

/** Message for "nothing matched": counts only, never a signature or a secret. */
export function noMatchMessage(what: string, signatureCount: number, secretCount: number): string {
  const sigs = signatureCount === 1 ? 'the signature' : `none of the ${signatureCount} signatures`;
  const secrets = secretCount === 1 ? 'the configured secret' : `any of the ${secretCount} configured secrets`;
  return `${what}: ${sigs} ${signatureCount === 1 ? 'does not match' : 'matches'} ${secrets}; was the raw body altered or re-serialised?`;
}
