import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, parseKey, sameDigest } from './format.ts';
import { digestMatches } from './repository.ts';

describe('key format', () => {
  it('stores the SHA-256 of the key as lowercase hex', () => {
    const { key, id, hash } = generateKey();
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashKey(key)).toBe(hash);
    expect(parseKey(key)).toEqual({ id });
  });

  it('compares digests exactly', () => {
    const a = hashKey('a');
    expect(sameDigest(a, hashKey('a'))).toBe(true);
    expect(sameDigest(a, hashKey('b'))).toBe(false);
    expect(sameDigest(a, a.slice(0, -1))).toBe(false);
    expect(sameDigest('', '')).toBe(true);
  });

  it('matches a stored digest written in either case', () => {
    const { key, hash } = generateKey();
    expect(digestMatches(hash, key)).toBe(true);
    expect(digestMatches(hash.toUpperCase(), key)).toBe(true);
    expect(digestMatches(hash, `${key}x`)).toBe(false);
  });
});
