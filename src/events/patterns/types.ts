/** A JSON scalar as it appears at an event leaf. */
export type Scalar = string | number | boolean | null;

export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface IpRange {
  family: 4 | 6;
  low: bigint;
  high: bigint;
}

/** Bounds are inclusive unless the matching `open` flag is set. */
export interface NumericRange {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
}

/** One element of a pattern leaf array, compiled. */
export type Matcher =
  | { kind: 'exact'; value: Scalar; ip?: IpAddress }
  | { kind: 'prefix'; value: string; ignoreCase: boolean }
  | { kind: 'suffix'; value: string; ignoreCase: boolean }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'wildcard'; value: string; segments: string[] }
  | { kind: 'numeric'; range: NumericRange }
  | { kind: 'cidr'; range: IpRange }
  | { kind: 'exists'; value: boolean }
  /** Matches a present leaf that none of `not` matches. */
  | { kind: 'anything-but'; not: Matcher[] };

/** All the matchers of one field path; any one of them may match (OR). */
export interface Condition {
  path: string;
  matchers: Matcher[];
}

/** One `$or`-free alternative of a pattern: every condition must hold (AND). */
export interface Branch {
  conditions: Condition[];
}

/** A validated pattern: it matches when any branch matches. */
export interface CompiledPattern {
  branches: Branch[];
}

/** Which element of which array (by a per-event array id) a leaf sits in. */
export type ArrayPosition = readonly [arrayId: number, index: number];

export interface Leaf {
  value: Scalar;
  /** Null when the leaf is not inside an array of objects. */
  positions: readonly ArrayPosition[] | null;
}

/** An event flattened to dotted leaf paths, as event-ruler sees it. */
export interface FlatEvent {
  leaves: Map<string, Leaf[]>;
  /** True when some leaf sits inside an array of objects (array-consistency applies). */
  hasPositions: boolean;
}
