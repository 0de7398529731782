import { IntervalTree } from './interval-tree.ts';
import { ipKey, parseIp } from './ip.ts';
import { isComparable } from './numeric.ts';
import { Trie } from './trie.ts';
import type { Matcher, NumericRange, Scalar } from './types.ts';

type Visit = (ref: number) => void;

function push<K>(map: Map<K, number[]>, key: K, ref: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [ref]);
  else list.push(ref);
}

function visitAll(list: readonly number[] | undefined, visit: Visit): void {
  if (list !== undefined) for (const ref of list) visit(ref);
}

/** Matchers whose satisfied set can be looked up rather than tested one by one. */
export function isIndexable(m: Matcher): boolean {
  switch (m.kind) {
    case 'exact':
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'numeric':
      return true;
    case 'exists':
      return m.value;
    default:
      return false;
  }
}

/**
 * Everything indexed under one field path: hash maps for exact and
 * case-insensitive values, tries for prefixes and suffixes, an interval tree
 * for numeric ranges, and the ids satisfied by the path merely being present.
 */
export class PathIndex {
  readonly presence: number[] = [];
  private readonly strings = new Map<string, number[]>();
  private readonly ips = new Map<string, number[]>();
  private readonly numbers = new Map<number, number[]>();
  private readonly literals = new Map<boolean | null, number[]>();
  private readonly ignoreCase = new Map<string, number[]>();
  private readonly prefix = new Trie();
  private readonly prefixIgnoreCase = new Trie();
  private readonly suffix = new Trie({ reversed: true });
  private readonly suffixIgnoreCase = new Trie({ reversed: true });
  private readonly rangeEntries: { range: NumericRange; ref: number }[] = [];
  private ranges: IntervalTree | null = null;

  add(m: Matcher, ref: number): void {
    switch (m.kind) {
      case 'exact':
        if (m.ip !== undefined) push(this.ips, ipKey(m.ip), ref);
        else if (typeof m.value === 'string') push(this.strings, m.value, ref);
        else if (typeof m.value === 'number') push(this.numbers, m.value, ref);
        else push(this.literals, m.value, ref);
        return;
      case 'prefix':
        if (m.ignoreCase) this.prefixIgnoreCase.add(m.value.toLowerCase(), ref);
        else this.prefix.add(m.value, ref);
        return;
      case 'suffix':
        if (m.ignoreCase) this.suffixIgnoreCase.add(m.value.toLowerCase(), ref);
        else this.suffix.add(m.value, ref);
        return;
      case 'equals-ignore-case':
        push(this.ignoreCase, m.value.toLowerCase(), ref);
        return;
      case 'numeric':
        this.rangeEntries.push({ range: m.range, ref });
        return;
      case 'exists':
        this.presence.push(ref);
        return;
      default:
        throw new Error(`matcher kind ${m.kind} is not indexable`);
    }
  }

  /** Builds the structures that cannot grow incrementally; call once after the last add. */
  seal(): void {
    this.ranges = this.rangeEntries.length === 0 ? null : new IntervalTree(this.rangeEntries);
  }

  /** Visits the ids of every indexed matcher that one leaf value satisfies. */
  visitValue(value: Scalar, visit: Visit): void {
    if (typeof value === 'string') this.visitString(value, visit);
    else if (typeof value === 'number') {
      visitAll(this.numbers.get(value), visit);
      if (this.ranges !== null && isComparable(value)) this.ranges.visitContaining(value, visit);
    } else visitAll(this.literals.get(value), visit);
  }

  private visitString(value: string, visit: Visit): void {
    visitAll(this.strings.get(value), visit);
    if (this.ips.size > 0) {
      const ip = parseIp(value);
      if (ip !== null) visitAll(this.ips.get(ipKey(ip)), visit);
    }
    if (this.prefix.size > 0) this.prefix.visitKeysPrefixing(value, visit);
    if (this.suffix.size > 0) this.suffix.visitKeysPrefixing(value, visit);
    if (this.ignoreCase.size > 0 || this.prefixIgnoreCase.size > 0 || this.suffixIgnoreCase.size > 0) {
      const lower = value.toLowerCase();
      visitAll(this.ignoreCase.get(lower), visit);
      if (this.prefixIgnoreCase.size > 0) this.prefixIgnoreCase.visitKeysPrefixing(lower, visit);
      if (this.suffixIgnoreCase.size > 0) this.suffixIgnoreCase.visitKeysPrefixing(lower, visit);
    }
  }
}
