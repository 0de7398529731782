import type { Command } from 'commander';
import type { NextRunsOptions, TestPatternOptions, TestTransformOptions } from '../actions/events-sandbox.ts';

const actions = () => import('../actions/events-sandbox.ts');

export function addTestPattern(cmd: Command): void {
  cmd
    .command('test-pattern')
    .description('does an event pattern match an event? prints true or false (exit 0), or the pattern error (exit 2); offline')
    .option('--pattern <file>', 'event pattern (a JSON file, or inline JSON)')
    .option('--event <file>', 'event: any JSON object (a file, or inline JSON); the EventBridge envelope is not required')
    .option('--jsonl <file>', 'many cases, one {"pattern","event"} per line → one {"match"} or {"error"} per line')
    .action(async (opts: TestPatternOptions) => (await actions()).testPattern(opts));
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
    .action(async (opts: TestTransformOptions) => (await actions()).testTransform(opts));
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
    .action(async (expression: string | undefined, opts: NextRunsOptions) => (await actions()).nextRuns(expression, opts));
}
