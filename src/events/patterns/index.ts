export { PATTERN_CODES, ROOT_PATH } from './errors.ts';
export {
  compilePattern,
  validatePattern,
  DEFAULT_MAX_PATTERN_LENGTH,
  MAX_BRANCHES,
  type CompileOptions,
} from './compile.ts';
export { matches, matchesCompiled, matchBranch } from './match.ts';
export { flattenEvent } from './flatten.ts';
export { compileRules, type RuleInput, type RuleSet, type RuleSetStats } from './rule-set.ts';
export type { CompiledPattern, Branch, Condition, Matcher, FlatEvent, Leaf, Scalar } from './types.ts';
