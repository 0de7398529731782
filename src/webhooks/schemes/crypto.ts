import { createHmac, timingSafeEqual } from 'node:crypto';

const SHA256_BYTES = 32;
// Stripe, GitHub and Slack write digests in lower-case hex and their official
// libraries compare the text exactly, so an upper-case digest is not theirs.
const HEX_DIGEST = /^[0-9a-f]{64}$/;
const ANY_CASE_HEX_DIGEST = /^[0-9a-fA-F]{64}$/;
// A 32-byte digest is 43 base64 characters plus one `=` of padding.
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

/** HMAC-SHA256 over the concatenation of `parts`, byte for byte (strings as UTF-8). */
export function hmacSha256(key: string | Buffer, parts: ReadonlyArray<string | Buffer>): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Decodes a written SHA-256 digest, or `undefined` when it is not exactly one.
 * Strict on purpose: Node's own decoders skip bad characters silently. `hex` is
 * lower case only (what the named providers send and their libraries accept);
 * `hex-any-case` is for generic HMAC sources, whose senders vary.
 */
export function decodeDigest(text: string, encoding: 'hex' | 'hex-any-case' | 'base64'): Buffer | undefined {
  if (encoding === 'hex') return HEX_DIGEST.test(text) ? Buffer.from(text, 'hex') : undefined;
  if (encoding === 'hex-any-case') return ANY_CASE_HEX_DIGEST.test(text) ? Buffer.from(text, 'hex') : undefined;
  return BASE64_DIGEST.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/**
 * True when any candidate equals any expected digest. Every comparison is a
 * constant-time compare of two 32-byte buffers, so timing reveals nothing about
 * how much of a forged signature was right.
 */
export function anyDigestMatches(candidates: readonly Buffer[], expected: readonly Buffer[]): boolean {
  let matched = false;
  for (const want of expected) {
    for (const got of candidates) {
      if (got.length === SHA256_BYTES && want.length === SHA256_BYTES && timingSafeEqual(got, want)) matched = true;
    }
  }
  return matched;
}
