// Not events/index.ts: that brings the bus, the store and fastify, which these offline commands never use.
import { sandbox } from '../../events/sandbox.ts';
import { readJson, readText, refuse } from './read-input.ts';

export interface TestPatternOptions {
  pattern?: string;
  event?: string;
  jsonl?: string;
}

export interface TestTransformOptions {
  event?: string;
  inputPathsMap?: string;
  inputTemplate?: string;
  ruleName?: string;
  ruleArn?: string;
  ingestionTime?: string;
  jsonl?: string;
}

export interface NextRunsOptions {
  count: string;
  from?: string;
  anchor?: string;
  jsonl?: string;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `--jsonl FILE`: one result object per non-blank line, in order, in the shapes. */
function runJsonl(kind: sandbox.SandboxKind, file: string, defaultCount?: number): void {
  const lines = readText(file, '--jsonl').split(/\r?\n/);
  for (const result of sandbox.runJsonl(kind, lines, { now: new Date(), ...(defaultCount !== undefined ? { defaultCount } : {}) })) {
    const { line: _line, ...rest } = result;
    print(JSON.stringify('error' in rest ? { error: rest.error } : rest));
  }
}

function orRefuse<T extends object>(result: T | sandbox.ErrorResult): T {
  if (sandbox.isErrorResult(result)) throw refuse(result.error, result.code);
  return result as T;
}

export function testPattern(opts: TestPatternOptions): void {
  if (opts.jsonl) return runJsonl('test-pattern', opts.jsonl);
  if (!opts.pattern || !opts.event) throw refuse('pass --pattern and --event, or --jsonl');
  print(String(orRefuse(sandbox.testPattern(readJson(opts.pattern, '--pattern'), readJson(opts.event, '--event'))).match));
}

export function testTransform(opts: TestTransformOptions): void {
  if (opts.jsonl) return runJsonl('test-transform', opts.jsonl);
  if (!opts.event || !opts.inputTemplate) throw refuse('pass --event and --input-template (and usually --input-paths-map), or --jsonl');
  const context = {
    ...(opts.ruleName ? { ruleName: opts.ruleName } : {}),
    ...(opts.ruleArn ? { ruleArn: opts.ruleArn } : {}),
    ...(opts.ingestionTime ? { ingestionTime: opts.ingestionTime } : {}),
  };
  const result = sandbox.testTransform({
    event: readJson(opts.event, '--event'),
    inputTemplate: readText(opts.inputTemplate, '--input-template').replace(/\r?\n$/, ''),
    ...(opts.inputPathsMap ? { inputPathsMap: readJson(opts.inputPathsMap, '--input-paths-map') as Record<string, string> } : {}),
    context,
  });
  print(orRefuse(result).output);
}

export function nextRuns(expression: string | undefined, opts: NextRunsOptions): void {
  const count = Number(opts.count);
  if (!Number.isInteger(count) || count < 0) throw refuse(`--count: not a whole number: ${opts.count}`);
  if (opts.jsonl) return runJsonl('next-runs', opts.jsonl, count);
  if (!expression) throw refuse('pass a schedule expression, or --jsonl');
  const result = orRefuse(sandbox.nextRuns(expression, count, opts.from ?? new Date(), opts.anchor));
  for (const time of result.next) print(time);
}
