import * as crypto from 'node:crypto';

/**
 * Keys look like `hsk_<id>_<secret>`: the id finds the row, the secret is
 * verified against a SHA-256 digest (keys are 32 random bytes, so a fast hash
 * is enough — there is nothing to brute-force). The plain key is shown once.
 */
const KEY_PATTERN = /^hsk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export function generateKey(): { id: string; key: string; hash: string } {
  const id = crypto.randomBytes(10).toString('hex').slice(0, 16);
  const secret = crypto.randomBytes(32).toString('base64url');
  const key = `hsk_${id}_${secret}`;
  return { id, key, hash: hashKey(key) };
}

export function parseKey(presented: string): { id: string } | undefined {
  const m = KEY_PATTERN.exec(presented);
  return m ? { id: m[1]! } : undefined;
}

export function hashKey(key: string): string {
  return oneShot ? oneShot('sha256', key, 'hex') : crypto.createHash('sha256').update(key).digest('hex');
}

// One-shot crypto.hash (Node ≥ 20.12) to a hex string skips both the Hash
// object and a Buffer allocation; keys are hashed on every authenticated request.
const oneShot: typeof crypto.hash | undefined = crypto.hash;

/**
 * Whether two digests written as lowercase hex are equal, in time that does
 * not depend on where they differ.
 */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function looksLikeKey(value: string): boolean {
  return value.startsWith('hsk_');
}
