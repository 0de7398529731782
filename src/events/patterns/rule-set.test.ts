import { describe, expect, it } from 'vitest';
import { compileRules, matches, type RuleInput } from './index.ts';

/** mulberry32: a tiny seeded PRNG so every run draws the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['a', 'ab', 'abc', 'b', 'Ab', 'ABC', 'x.png', 'y.PNG', '10.0.0.1', '10.0.1.5', '::1', ''];
const NUMBERS = [0, 1, 5, 10, 10.5, 100, -3, 300];
const PATHS = ['source', 'detail-type', 'detail.state', 'detail.price', 'detail.ip', 'detail.tags', 'items.sku', 'items.qty', 'detail.flag'];

function gen(seed: number) {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const scalar = (): unknown => {
    const k = r();
    if (k < 0.55) return pick(STRINGS);
    if (k < 0.85) return pick(NUMBERS);
    if (k < 0.95) return r() < 0.5;
    return null;
  };
  const matcher = (): unknown => {
    switch (Math.floor(r() * 16)) {
      case 0: case 1: case 2: return scalar();
      case 3: return { prefix: pick(['a', 'A', '10.', '', 'x']) };
      case 4: return { prefix: { 'equals-ignore-case': pick(['a', 'AB', 'Y']) } };
      case 5: return { suffix: pick(['c', '.png', '1']) };
      case 6: return { suffix: { 'equals-ignore-case': pick(['.PNG', 'B']) } };
      case 7: return { 'equals-ignore-case': pick(['ab', 'ABC', 'a']) };
      case 8: return { wildcard: pick(['a*', '*c', 'a*c', '*', '*.png', '10.*.1']) };
      case 9: {
        const lo = pick(NUMBERS);
        return pick([{ numeric: ['>', lo] }, { numeric: ['<=', lo] }, { numeric: ['=', lo] }, { numeric: ['>=', lo, '<', lo + 50] }]);
      }
      case 10: return { exists: r() < 0.6 };
      case 11: return { 'anything-but': pick<unknown>([pick(STRINGS), pick(NUMBERS), ['a', 'b'], [5, 10]]) };
      case 12: return { 'anything-but': pick([{ prefix: 'a' }, { suffix: '.png' }, { 'equals-ignore-case': ['AB', 'c'] }, { wildcard: 'a*' }]) };
      case 13: return { cidr: pick(['10.0.0.0/24', '10.0.0.0/8', '::/1']) };
      default: return pick(STRINGS);
    }
  };
  const fields = (n: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const path = pick(PATHS).split('.');
      let at = out;
      for (const step of path.slice(0, -1)) {
        if (typeof at[step] !== 'object' || Array.isArray(at[step])) at[step] = {};
        at = at[step] as Record<string, unknown>;
      }
      at[path[path.length - 1] as string] = Array.from({ length: 1 + Math.floor(r() * 3) }, matcher);
    }
    return out;
  };
  const pattern = (): unknown => {
    const base = fields(1 + Math.floor(r() * 3));
    if (r() < 0.3) base.$or = Array.from({ length: 2 + Math.floor(r() * 2) }, () => fields(1 + Math.floor(r() * 2)));
    return base;
  };
  const event = (): unknown => {
    const detail: Record<string, unknown> = {};
    const ev: Record<string, unknown> = { detail };
    if (r() < 0.8) ev.source = scalar();
    if (r() < 0.6) ev['detail-type'] = scalar();
    if (r() < 0.7) detail.state = r() < 0.1 ? { nested: 'object' } : scalar();
    if (r() < 0.7) detail.price = scalar();
    if (r() < 0.5) detail.ip = pick(['10.0.0.1', '10.0.0.200', '10.2.3.4', '::1', 'nope']);
    if (r() < 0.5) detail.tags = Array.from({ length: Math.floor(r() * 3) }, scalar);
    if (r() < 0.3) detail.flag = r() < 0.5;
    if (r() < 0.5) ev.items = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ sku: pick(STRINGS), qty: pick(NUMBERS) }));
    return ev;
  };
  return { pattern, event };
}

describe('compileRules', () => {
  it('agrees with the single-pattern matcher on random patterns and events (seeded property test)', () => {
    // Prepare
    const g = gen(20240601);
    const rules: RuleInput[] = Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, pattern: g.pattern() }));
    const set = compileRules(rules);
    let total = 0;
    // Act / Assess
    for (let e = 0; e < 600; e++) {
      const event = g.event();
      const expected = rules.filter((rule) => matches(rule.pattern, event)).map((rule) => rule.id);
      expect(set.match(event), JSON.stringify(event)).toEqual(expected);
      total += expected.length;
    }
    // The generator must actually produce matches, or the comparison proves nothing.
    expect(total).toBeGreaterThan(2000);
  });

  it('returns matching ids in the order the rules were given', () => {
    const set = compileRules([
      { id: 'z', pattern: { source: [{ prefix: 'aws.' }] } },
      { id: 'a', pattern: { source: ['aws.ec2'] } },
      { id: 'm', pattern: { source: ['aws.s3'] } },
    ]);
    expect(set.match({ source: 'aws.ec2' })).toEqual(['z', 'a']);
  });

  it('ORs rules that share an id, as event-ruler does for repeated rule names', () => {
    const set = compileRules([
      { id: 'r1', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } } },
      { id: 'r1', pattern: { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } } },
    ]);
    expect(set.match({ detail: { 'c-count': 2 } })).toEqual(['r1']);
    expect(set.match({ detail: { 'x-limit': 301.8 } })).toEqual(['r1']);
    expect(set.match({ detail: { 'c-count': 2, 'x-limit': 301.8 } })).toEqual(['r1']);
    expect(set.stats().rules).toBe(1);
  });

  it('names the rule and the path of an invalid pattern', () => {
    expect(() => compileRules([{ id: 'ok', pattern: { a: ['x'] } }, { id: 'bad', pattern: { detail: { price: [{ numeric: ['<'] }] } } }]))
      .toThrow('rule "bad": detail.price: Value of < must be numeric');
  });

  it('tests rules with no indexable condition: presence-triggered and always-checked', () => {
    const set = compileRules([
      { id: 'not-init', pattern: { state: [{ 'anything-but': 'init' }] } },
      { id: 'no-error', pattern: { error: [{ exists: false }] } },
    ]);
    expect(set.stats()).toMatchObject({ rules: 2, alwaysChecked: 1 });
    expect(set.match({ state: 'running' })).toEqual(['not-init', 'no-error']);
    expect(set.match({ state: 'init' })).toEqual(['no-error']);
    expect(set.match({ error: 'boom' })).toEqual([]);
  });

  it('applies array consistency to indexed conditions (ER "JSON Array Matching")', () => {
    const set = compileRules([
      { id: 'anna-jones', pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } },
      { id: 'anna-smith', pattern: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } },
    ]);
    const event = { employees: [{ firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] };
    expect(set.match(event)).toEqual(['anna-smith']);
  });

  it('matches nothing with an empty rule set and refuses non-object events', () => {
    const set = compileRules([]);
    expect(set.match({ a: 1 })).toEqual([]);
    expect(() => set.match('text')).toThrow(/Parameter Event is not valid/);
  });
});
