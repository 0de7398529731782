import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Access key ids look like AWS's: `AKIA` + 16 of `[A-Z2-7]` (20 characters, so
 * tools that check the shape accept them). The secret is 30 random bytes as
 * 40 base64 characters, the length and alphabet of an AWS secret access key.
 */
export const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;

export function generateAccessKeyId(): string {
  const bytes = randomBytes(16);
  let id = 'AKIA';
  for (const b of bytes) id += BASE32[b % 32];
  return id;
}

export function generateSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

export function looksLikeAccessKeyId(value: string): boolean {
  return ACCESS_KEY_ID.test(value);
}
