import { inRange } from './numeric.ts';
import type { NumericRange } from './types.ts';

interface Entry {
  range: NumericRange;
  ref: number;
}

interface TreeNode {
  center: number;
  byLow: Entry[];
  byHigh: Entry[];
  left: TreeNode | null;
  right: TreeNode | null;
}

function build(entries: Entry[]): TreeNode | null {
  if (entries.length === 0) return null;
  const points = entries.flatMap((e) => [e.range.low, e.range.high]).filter(Number.isFinite).sort((a, b) => a - b);
  const center = points.length === 0 ? 0 : (points[Math.floor(points.length / 2)] as number);
  const here: Entry[] = [];
  const left: Entry[] = [];
  const right: Entry[] = [];
  for (const e of entries) {
    if (e.range.high < center) left.push(e);
    else if (e.range.low > center) right.push(e);
    else here.push(e);
  }
  return {
    center,
    byLow: [...here].sort((a, b) => a.range.low - b.range.low),
    byHigh: [...here].sort((a, b) => b.range.high - a.range.high),
    left: build(left),
    right: build(right),
  };
}

/**
 * A static centered interval tree: finds the ranges containing a number in
 * O(log n + matches), so numeric rules do not cost one check per rule.
 */
export class IntervalTree {
  private readonly root: TreeNode | null;

  constructor(entries: readonly Entry[]) {
    this.root = build([...entries]);
  }

  visitContaining(value: number, visit: (ref: number) => void): void {
    let at = this.root;
    while (at !== null) {
      if (value < at.center) {
        for (const e of at.byLow) {
          if (e.range.low > value) break;
          if (inRange(e.range, value)) visit(e.ref);
        }
        at = at.left;
      } else if (value > at.center) {
        for (const e of at.byHigh) {
          if (e.range.high < value) break;
          if (inRange(e.range, value)) visit(e.ref);
        }
        at = at.right;
      } else {
        for (const e of at.byLow) if (inRange(e.range, value)) visit(e.ref);
        return;
      }
    }
  }
}
