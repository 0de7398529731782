import { isHashiError, ValidationError } from '../../kernel/index.ts';
import { compilePattern, type CompileOptions } from './compile.ts';
import { flattenEvent } from './flatten.ts';
import { matchBranch } from './match.ts';
import { isIndexable, PathIndex } from './path-index.ts';
import type { Branch, Condition, Matcher } from './types.ts';

export interface RuleInput {
  id: string;
  pattern: unknown;
}

export interface RuleSetStats {
  rules: number;
  branches: number;
  indexedConditions: number;
  /** Branches with no indexable condition and no required field, tested on every event. */
  alwaysChecked: number;
}

export interface RuleSet {
  /** Ids of the rules whose pattern matches `event`, in the order the rules were given. */
  match(event: unknown): string[];
  stats(): RuleSetStats;
}

interface BranchInfo {
  rule: number;
  /** Counting alone decides only a one-condition branch whose condition is indexed. */
  decidedByIndex: boolean;
  branch: Branch;
}

/** A rough share of events a condition lets through; the lowest one triggers its branch. */
type Selectivity = (c: Condition) => number;

/** Groups matchers whose values spread the same way: exact values, prefixes, suffixes. */
function family(m: Matcher): string | null {
  switch (m.kind) {
    case 'exact':
      return `=${typeof m.value}:${String(m.value)}`;
    case 'equals-ignore-case':
      return `=string:${m.value.toLowerCase()}`;
    case 'prefix':
    case 'suffix':
      return `${m.kind}:${m.ignoreCase ? m.value.toLowerCase() : m.value}`;
    default:
      return null;
  }
}

/**
 * Learns, per path and matcher family, how many distinct values the rules use:
 * the more distinct values, the fewer events each one lets through.
 */
function selectivity(branches: readonly Branch[]): Selectivity {
  const distinct = new Map<string, Set<string>>();
  const bucket = (path: string, m: Matcher): string => `${path}\u0000${m.kind === 'equals-ignore-case' ? 'exact' : m.kind}`;
  for (const b of branches) {
    for (const c of b.conditions) {
      for (const m of c.matchers) {
        const key = family(m);
        if (key === null) continue;
        const k = bucket(c.path, m);
        let set = distinct.get(k);
        if (set === undefined) distinct.set(k, (set = new Set()));
        set.add(key);
      }
    }
  }
  const share = (m: Matcher, path: string): number => {
    const spread = distinct.get(bucket(path, m))?.size ?? 1;
    if (m.kind === 'exact' || m.kind === 'equals-ignore-case') return 1 / Math.max(2, spread);
    // A prefix or suffix can let through several values, so it counts double.
    if (m.kind === 'prefix' || m.kind === 'suffix') return Math.min(0.5, 2 / Math.max(2, spread));
    if (m.kind === 'numeric') return 0.4;
    return 1;
  };
  return (c) => (c.matchers.every(isIndexable) ? c.matchers.reduce((sum, m) => sum + share(m, c.path), 0) : Infinity);
}

const allowsAbsence = (c: Condition): boolean => c.matchers.some((m) => m.kind === 'exists' && !m.value);

function withRuleId(err: unknown, id: string): unknown {
  if (!isHashiError(err)) return err;
  const details = (err.details ?? {}) as Record<string, unknown>;
  return new ValidationError(err.code, `rule ${JSON.stringify(id)}: ${err.message}`, {
    details: { ...details, ruleId: id },
    cause: err,
  });
}

/**
 * A compiled rule set. Each `$or` alternative ("branch") is indexed under its
 * most selective indexable condition; an event visits only the index entries
 * its own leaf values hit, so the work follows the event and the plausible
 * matches, not the number of rules. Candidates are confirmed with the same
 * `matchBranch` that `matches` uses (residual operators, array consistency).
 */
class IndexedRuleSet implements RuleSet {
  private readonly ids: string[] = [];
  private readonly paths = new Map<string, PathIndex>();
  private readonly branches: BranchInfo[] = [];
  private readonly condBranch: number[] = [];
  private readonly alwaysCheck: number[] = [];
  private condStamp = new Uint32Array(0);
  private ruleStamp = new Uint32Array(0);
  private generation = 0;
  private candidates: number[] = [];

  constructor(rules: readonly RuleInput[], options: CompileOptions) {
    const ruleIndex = new Map<string, number>();
    const pending: { rule: number; branch: Branch }[] = [];
    for (const { id, pattern } of rules) {
      let compiled;
      try {
        compiled = compilePattern(pattern, options);
      } catch (err) {
        throw withRuleId(err, id);
      }
      let index = ruleIndex.get(id);
      if (index === undefined) {
        index = this.ids.length;
        ruleIndex.set(id, index);
        this.ids.push(id);
      }
      for (const branch of compiled.branches) pending.push({ rule: index, branch });
    }
    const score = selectivity(pending.map((p) => p.branch));
    for (const { rule, branch } of pending) this.addBranch(rule, branch, score);
    for (const p of this.paths.values()) p.seal();
    this.condStamp = new Uint32Array(this.condBranch.length);
    this.ruleStamp = new Uint32Array(this.ids.length);
  }

  private pathIndex(path: string): PathIndex {
    let p = this.paths.get(path);
    if (p === undefined) {
      p = new PathIndex();
      this.paths.set(path, p);
    }
    return p;
  }

  private newCondition(branchIndex: number): number {
    this.condBranch.push(branchIndex);
    return this.condBranch.length - 1;
  }

  /**
   * Indexes one condition per branch — the most selective — so an event's hits
   * grow with the branches it can plausibly match, not with every rule sharing
   * a common value. The other conditions are checked on candidates only.
   */
  private addBranch(rule: number, branch: Branch, score: Selectivity): void {
    const b = this.branches.length;
    let best: Condition | undefined;
    let bestScore = Infinity;
    for (const c of branch.conditions) {
      const s = score(c);
      if (s < bestScore) [best, bestScore] = [c, s];
    }
    const decidedByIndex = best !== undefined && branch.conditions.length === 1;
    this.branches.push({ rule, decidedByIndex, branch });
    if (best !== undefined) {
      const ref = this.newCondition(b);
      const index = this.pathIndex(best.path);
      for (const m of best.matchers) index.add(m, ref);
      return;
    }
    // Nothing indexable: trigger on the presence of a field the branch requires.
    const required = branch.conditions.find((c) => !allowsAbsence(c));
    if (required === undefined) this.alwaysCheck.push(b);
    else this.pathIndex(required.path).presence.push(this.newCondition(b));
  }

  private readonly hit = (ref: number): void => {
    if (this.condStamp[ref] === this.generation) return;
    this.condStamp[ref] = this.generation;
    this.candidates.push(this.condBranch[ref] as number);
  };

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.generation = 0;
      this.condStamp.fill(0);
      this.ruleStamp.fill(0);
    }
    return ++this.generation;
  }

  match(event: unknown): string[] {
    const flat = flattenEvent(event);
    const gen = this.nextGeneration();
    this.candidates = [];
    for (const [path, leaves] of flat.leaves) {
      const index = this.paths.get(path);
      if (index === undefined) continue;
      for (const ref of index.presence) this.hit(ref);
      for (const leaf of leaves) index.visitValue(leaf.value, this.hit);
    }
    const matched: number[] = [];
    const accept = (b: number, mustVerify: boolean): void => {
      const info = this.branches[b] as BranchInfo;
      if (this.ruleStamp[info.rule] === gen) return;
      if (mustVerify && !matchBranch(info.branch, flat)) return;
      this.ruleStamp[info.rule] = gen;
      matched.push(info.rule);
    };
    for (const b of this.candidates) accept(b, !(this.branches[b] as BranchInfo).decidedByIndex);
    for (const b of this.alwaysCheck) accept(b, true);
    return matched.sort((x, y) => x - y).map((i) => this.ids[i] as string);
  }

  stats(): RuleSetStats {
    return {
      rules: this.ids.length,
      branches: this.branches.length,
      indexedConditions: this.condBranch.length,
      alwaysChecked: this.alwaysCheck.length,
    };
  }
}

/**
 * Compiles rules once into an indexed matcher. Rules sharing an id are OR-ed
 * (as event-ruler does for repeated rule names). Throws EVENT_PATTERN_INVALID
 * naming the rule and path on the first invalid pattern.
 */
export function compileRules(rules: readonly RuleInput[], options: CompileOptions = {}): RuleSet {
  return new IndexedRuleSet(rules, options);
}
