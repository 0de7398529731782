import { Command } from 'commander';
import type { PutOptions, ReplayOptions } from '../actions/events.ts';
import { withCommonOptions, type CommonOptions } from '../options.ts';
import { addNextRuns, addTestPattern, addTestTransform } from './events-sandbox.ts';

const actions = () => import('../actions/events.ts');

function rulesCommand(): Command {
  const cmd = new Command('rules').description('list (the default), show, put and delete event rules (rules from hashi.yaml are changed there)');
  // `hashi events rules` alone lists, as the README promises.
  withCommonOptions(cmd.command('list', { isDefault: true }))
    .option('--bus <name>', 'only this bus')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { bus?: string; json?: boolean }) => (await actions()).listRules(opts));
  withCommonOptions(cmd.command('show'))
    .argument('<name>', 'rule name')
    .option('--bus <name>', 'the rule’s bus', 'default')
    .action(async (name: string, opts: CommonOptions & { bus: string }) => (await actions()).showRule(name, opts));
  withCommonOptions(cmd.command('put'))
    .description('create or replace rules from a JSON or YAML file (EventBridge shapes: Name, EventPattern | ScheduleExpression, Targets)')
    .argument('<file>', 'one rule, a list, or {"Rules": [...]}')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: CommonOptions & { json?: boolean }) => (await actions()).putRules(file, opts));
  withCommonOptions(cmd.command('delete'))
    .argument('<name>', 'rule name')
    .option('--bus <name>', 'the rule’s bus', 'default')
    .action(async (name: string, opts: CommonOptions & { bus: string }) => (await actions()).deleteRule(name, opts));
  return cmd;
}

export function eventsCommand(): Command {
  const cmd = new Command('events').description('the event bus: publish, rules, replay, and an offline sandbox for patterns, transformers and schedules');
  addTestPattern(cmd);
  addTestTransform(cmd);
  addNextRuns(cmd);
  withCommonOptions(cmd.command('put'))
    .description('publish events (PutEvents); exit 2 when an entry is refused')
    .option('--source <source>', 'Source')
    .option('--detail-type <type>', 'DetailType')
    .option('--detail <json>', 'Detail: a JSON object, inline or a file')
    .option('--bus <name>', 'EventBusName (default: default)')
    .option('--resource <arn...>', 'Resources')
    .option('--time <time>', 'Time (ISO 8601)')
    .option('--entries <file>', 'instead: a JSON array of up to 10 PutEvents entries (or {"Entries": [...]})')
    .option('--json', 'print the PutEvents result as JSON')
    .action(async (opts: PutOptions) => (await actions()).put(opts));
  cmd.addCommand(rulesCommand());
  withCommonOptions(cmd.command('replay'))
    .description('replay a time window of an archive to its bus (all rules, or --rule …); runs here and prints the result')
    .requiredOption('--archive <name>', 'archive to replay from')
    .requiredOption('--from <time>', 'EventStartTime (ISO 8601, inclusive)')
    .requiredOption('--to <time>', 'EventEndTime (ISO 8601, exclusive)')
    .option('--rule <name...>', 'only these rules of the bus')
    .option('--name <name>', 'replay name (default: replay-<timestamp>)')
    .option('--json', 'machine-readable output')
    .action(async (opts: ReplayOptions) => (await actions()).replay(opts));
  return cmd;
}
