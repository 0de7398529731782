import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { sandbox } from '../../events/index.ts';
import { HashiError } from '../../kernel/index.ts';

/** A refusal: printed as `error: …` on stderr with exit code 2 by the CLI's main. */
const refuse = (message: string, code = 'CLI_INVALID') => new HashiError(code, message, { status: 400 });

/** Inline JSON when the value starts with `{` or `[`, else the path of a JSON file. */
export function readJson(value: string, flag: string): unknown {
  const text = /^\s*[[{]/.test(value) ? value : readText(value, flag);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw refuse(`${flag}: not valid JSON: ${(err as Error).message}`);
  }
}

export function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw refuse(`${flag}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
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

export function addTestPattern(cmd: Command): void {
  cmd
    .command('test-pattern')
    .description('does an event pattern match an event? prints true or false (exit 0), or the pattern error (exit 2); offline')
    .option('--pattern <file>', 'event pattern (a JSON file, or inline JSON)')
    .option('--event <file>', 'event: any JSON object (a file, or inline JSON); the EventBridge envelope is not required')
    .option('--jsonl <file>', 'many cases, one {"pattern","event"} per line → one {"match"} or {"error"} per line')
    .action((opts: { pattern?: string; event?: string; jsonl?: string }) => {
      if (opts.jsonl) return runJsonl('test-pattern', opts.jsonl);
      if (!opts.pattern || !opts.event) throw refuse('pass --pattern and --event, or --jsonl');
      print(String(orRefuse(sandbox.testPattern(readJson(opts.pattern, '--pattern'), readJson(opts.event, '--event'))).match));
    });
}

export function addTestTransform(cmd: Command): void {
  cmd
    .command('test-transform')
    .description('print the input a target would receive from an InputTransformer; offline')
    .option('--event <file>', 'event (a JSON file, or inline JSON)')
    .option('--input-paths-map <file>', 'InputPathsMap (a JSON file, or inline JSON)')
    .option('--input-template <file>', 'InputTemplate (a text file)')
    .option('--rule-name <name>', 'value of <aws.events.rule-name>')
    .option('--rule-arn <arn>', 'value of <aws.events.rule-arn>')
    .option('--ingestion-time <time>', 'value of <aws.events.event.ingestion-time> (ISO 8601)')
    .option('--jsonl <file>', 'many cases, one {"event","inputPathsMap","inputTemplate","context"?} per line → one {"output"} or {"error"} per line')
    .action((opts: { event?: string; inputPathsMap?: string; inputTemplate?: string; ruleName?: string; ruleArn?: string; ingestionTime?: string; jsonl?: string }) => {
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
    });
}

export function addNextRuns(cmd: Command): void {
  cmd
    .command('next-runs')
    .description('print the next fire times (UTC) of a rate(…) or cron(…) expression, or its grammar error (exit 2); offline')
    .argument('[expression]', "schedule expression, e.g. 'cron(0 12 ? * MON-FRI *)'")
    .option('--count <n>', 'how many', '5')
    .option('--from <time>', 'start after this time (default: now)')
    .option('--anchor <time>', 'when a rate schedule started (its rule was created; default: --from)')
    .option('--jsonl <file>', 'many cases, one {"expression"} per line → one {"next"} or {"error"} per line')
    .action((expression: string | undefined, opts: { count: string; from?: string; anchor?: string; jsonl?: string }) => {
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 0) throw refuse(`--count: not a whole number: ${opts.count}`);
      if (opts.jsonl) return runJsonl('next-runs', opts.jsonl, count);
      if (!expression) throw refuse('pass a schedule expression, or --jsonl');
      const result = orRefuse(sandbox.nextRuns(expression, count, opts.from ?? new Date(), opts.anchor));
      for (const time of result.next) print(time);
    });
}
