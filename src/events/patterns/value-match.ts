import { inRange, isComparable } from './numeric.ts';
import { ipInRange, ipKey, parseIp } from './ip.ts';
import { wildcardMatches } from './wildcard.ts';
import type { Matcher, Scalar } from './types.ts';

function exactMatches(m: Extract<Matcher, { kind: 'exact' }>, value: Scalar): boolean {
  if (m.ip !== undefined && typeof value === 'string') {
    const ip = parseIp(value);
    return ip !== null && ipKey(ip) === ipKey(m.ip);
  }
  // Numbers compare by value (300 matches 300.0), strings, booleans and null by identity.
  return value === m.value;
}

/**
 * Whether one leaf value satisfies one matcher. `exists` is decided per path by
 * the caller; here it is satisfied by any leaf.
 */
export function matchesValue(m: Matcher, value: Scalar): boolean {
  switch (m.kind) {
    case 'exact':
      return exactMatches(m, value);
    case 'prefix':
      if (typeof value !== 'string') return false;
      return m.ignoreCase ? value.toLowerCase().startsWith(m.value.toLowerCase()) : value.startsWith(m.value);
    case 'suffix':
      if (typeof value !== 'string') return false;
      return m.ignoreCase ? value.toLowerCase().endsWith(m.value.toLowerCase()) : value.endsWith(m.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === m.value.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(m.segments, value);
    case 'numeric':
      return typeof value === 'number' && isComparable(value) && inRange(m.range, value);
    case 'cidr': {
      if (typeof value !== 'string') return false;
      const ip = parseIp(value);
      return ip !== null && ipInRange(m.range, ip);
    }
    case 'exists':
      return m.value;
    case 'anything-but':
      return !m.not.some((inner) => matchesValue(inner, value));
  }
}
