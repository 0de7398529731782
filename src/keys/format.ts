import { createHash, randomBytes } from 'node:crypto';

/**
 * Keys look like `hsk_<id>_<secret>`: the id finds the row, the secret is
 * verified against a SHA-256 digest (keys are 32 random bytes, so a fast hash
 * is enough — there is nothing to brute-force). The plain key is shown once.
 */
const KEY_PATTERN = /^hsk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export function generateKey(): { id: string; key: string; hash: string } {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  const key = `hsk_${id}_${secret}`;
  return { id, key, hash: hashKey(key) };
}

export function parseKey(presented: string): { id: string } | undefined {
  const m = KEY_PATTERN.exec(presented);
  return m ? { id: m[1]! } : undefined;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function looksLikeKey(value: string): boolean {
  return value.startsWith('hsk_');
}
