import { compilePattern } from './compile.ts';
import { flattenEvent } from './flatten.ts';
import { matchesValue } from './value-match.ts';
import type { Branch, CompiledPattern, Condition, FlatEvent, Leaf } from './types.ts';

/** A condition satisfied by the absence of its field (`exists: false`). */
const ABSENT = 'absent';
type Choice = Leaf[] | typeof ABSENT;

function allowsAbsence(c: Condition): boolean {
  return c.matchers.some((m) => m.kind === 'exists' && !m.value);
}

/** The leaves that satisfy a condition, ABSENT, or null when nothing does. */
function choicesFor(c: Condition, flat: FlatEvent): Choice | null {
  const leaves = flat.leaves.get(c.path);
  if (leaves === undefined || leaves.length === 0) return allowsAbsence(c) ? ABSENT : null;
  const ok = leaves.filter((leaf) => c.matchers.some((m) => matchesValue(m, leaf.value)));
  return ok.length === 0 ? null : ok;
}

/**
 * event-ruler's array consistency: two fields inside objects that are different
 * elements of the same array never match together. Backtracks over choices.
 */
function consistent(choices: Choice[], i: number, taken: Map<number, number>): boolean {
  if (i === choices.length) return true;
  const choice = choices[i];
  if (choice === undefined || choice === ABSENT) return consistent(choices, i + 1, taken);
  for (const leaf of choice) {
    const positions = leaf.positions ?? [];
    if (positions.some(([id, index]) => taken.has(id) && taken.get(id) !== index)) continue;
    const added = positions.filter(([id]) => !taken.has(id));
    for (const [id, index] of added) taken.set(id, index);
    if (consistent(choices, i + 1, taken)) return true;
    for (const [id] of added) taken.delete(id);
  }
  return false;
}

function holds(c: Condition, flat: FlatEvent): boolean {
  const leaves = flat.leaves.get(c.path);
  if (leaves === undefined || leaves.length === 0) return allowsAbsence(c);
  for (const leaf of leaves) {
    for (const m of c.matchers) if (matchesValue(m, leaf.value)) return true;
  }
  return false;
}

/** Whether one `$or`-free branch matches an already flattened event. */
export function matchBranch(branch: Branch, flat: FlatEvent): boolean {
  // Without arrays of objects no choice can conflict: a satisfying leaf per condition is enough.
  if (!flat.hasPositions) return branch.conditions.every((c) => holds(c, flat));
  const choices: Choice[] = [];
  for (const c of branch.conditions) {
    const choice = choicesFor(c, flat);
    if (choice === null) return false;
    choices.push(choice);
  }
  return consistent(choices, 0, new Map());
}

export function matchesCompiled(compiled: CompiledPattern, flat: FlatEvent): boolean {
  return compiled.branches.some((b) => matchBranch(b, flat));
}

/** Whether `event` (any JSON object; no envelope needed) matches `pattern`. Throws on an invalid pattern. */
export function matches(pattern: unknown, event: unknown): boolean {
  return matchesCompiled(compilePattern(pattern), flattenEvent(event));
}
