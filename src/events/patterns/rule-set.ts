import { isHashiError, ValidationError } from '../../kernel/index.ts';
import { compilePattern, type CompileOptions } from './compile.ts';
import { flattenEvent } from './flatten.ts';
import { matchBranch } from './match.ts';
import { isIndexable, PathIndex } from './path-index.ts';
import type { Branch, Condition } from './types.ts';

export interface RuleInput {
  id: string;
  pattern: unknown;
}

export interface RuleSetStats {
  rules: number;
  branches: number;
  indexedConditions: number;
  /** Branches with no indexable condition, tested on every event. */
  alwaysChecked: number;
}

export interface RuleSet {
  /** Ids of the rules whose pattern matches `event`, in the order the rules were given. */
  match(event: unknown): string[];
  stats(): RuleSetStats;
}

interface BranchInfo {
  rule: number;
  need: number;
  /** True when counting alone cannot decide: residual conditions must be tested. */
  residual: boolean;
  multiField: boolean;
  branch: Branch;
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
 * A compiled rule set. Each `$or` alternative ("branch") needs its indexable
 * conditions satisfied; an event visits only the index entries its own leaf
 * values hit and counts satisfied conditions per branch, so the cost follows
 * the event and the matches, not the number of rules. Conditions that cannot
 * be indexed (anything-but, wildcard, cidr, exists:false) are tested only for
 * branches whose indexed conditions all hold.
 */
class IndexedRuleSet implements RuleSet {
  private readonly ids: string[] = [];
  private readonly paths = new Map<string, PathIndex>();
  private readonly branches: BranchInfo[] = [];
  private readonly condBranch: number[] = [];
  private readonly alwaysCheck: number[] = [];
  private condStamp = new Uint32Array(0);
  private branchStamp = new Uint32Array(0);
  private branchCount = new Uint32Array(0);
  private ruleStamp = new Uint32Array(0);
  private generation = 0;
  private candidates: number[] = [];

  constructor(rules: readonly RuleInput[], options: CompileOptions) {
    const ruleIndex = new Map<string, number>();
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
      for (const branch of compiled.branches) this.addBranch(index, branch);
    }
    for (const p of this.paths.values()) p.seal();
    this.condStamp = new Uint32Array(this.condBranch.length);
    this.branchStamp = new Uint32Array(this.branches.length);
    this.branchCount = new Uint32Array(this.branches.length);
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

  private addBranch(rule: number, branch: Branch): void {
    const b = this.branches.length;
    const info: BranchInfo = { rule, need: 0, residual: false, multiField: branch.conditions.length > 1, branch };
    this.branches.push(info);
    for (const c of branch.conditions) {
      if (!c.matchers.every(isIndexable)) {
        info.residual = true;
        continue;
      }
      const ref = this.newCondition(b);
      const index = this.pathIndex(c.path);
      for (const m of c.matchers) index.add(m, ref);
      info.need++;
    }
    if (info.need > 0) return;
    // Nothing indexable: trigger on the presence of a field the branch requires.
    const required = branch.conditions.find((c) => !allowsAbsence(c));
    if (required === undefined) {
      this.alwaysCheck.push(b);
      return;
    }
    this.pathIndex(required.path).presence.push(this.newCondition(b));
    info.need = 1;
  }

  private readonly hit = (ref: number): void => {
    const gen = this.generation;
    if (this.condStamp[ref] === gen) return;
    this.condStamp[ref] = gen;
    const b = this.condBranch[ref] as number;
    if (this.branchStamp[b] !== gen) {
      this.branchStamp[b] = gen;
      this.branchCount[b] = 0;
    }
    const count = (this.branchCount[b] as number) + 1;
    this.branchCount[b] = count;
    if (count === (this.branches[b] as BranchInfo).need) this.candidates.push(b);
  };

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.generation = 0;
      this.condStamp.fill(0);
      this.branchStamp.fill(0);
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
    for (const b of this.candidates) {
      const info = this.branches[b] as BranchInfo;
      accept(b, info.residual || (flat.hasPositions && info.multiField));
    }
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
