export { testPattern, type TestPatternResult } from './test-pattern.ts';
export { testTransform, type TestTransformInput, type TestTransformResult } from './test-transform.ts';
export { nextRuns, type NextRunsResult } from './next-runs.ts';
export { runJsonl, type SandboxKind, type JsonlResult, type JsonlOptions } from './jsonl.ts';
export { isErrorResult, type ErrorResult } from './result.ts';
