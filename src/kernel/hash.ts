import { createHash } from 'node:crypto';
import { MAX_WRAPPED_DEPTH, assertJsonDepth } from './caller-json.ts';

/**
 * JSON with object keys sorted at every level, so equal values give equal
 * strings. Hashes request bodies and cache keys, so it refuses (JSON_TOO_DEEP)
 * a value deeper than callers may send before its recursive walk.
 */
export function stableStringify(value: unknown): string {
  assertJsonDepth(value, 'the value to hash', MAX_WRAPPED_DEPTH);
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stable hash of any JSON-able value. */
export function hashOf(value: unknown): string {
  return sha256Hex(stableStringify(value));
}
