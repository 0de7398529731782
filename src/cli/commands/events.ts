import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { PutEventsEntry, RuleDefinition, StoredRule } from '../../events/index.ts';
import { HashiError } from '../../kernel/index.ts';
import { output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';
import { addNextRuns, addTestPattern, addTestTransform, readJson, readText } from './events-sandbox.ts';

const refuse = (message: string) => new HashiError('CLI_INVALID', message, { status: 400 });

interface PutOptions extends CommonOptions {
  source?: string;
  detailType?: string;
  detail?: string;
  bus?: string;
  resource?: string[];
  time?: string;
  entries?: string;
  json?: boolean;
}

function entriesFrom(opts: PutOptions): PutEventsEntry[] {
  if (opts.entries) {
    const value = readJson(opts.entries, '--entries');
    const list = Array.isArray(value) ? value : (value as { Entries?: unknown }).Entries;
    if (!Array.isArray(list)) throw refuse('--entries: expected a JSON array of entries or {"Entries": [...]}');
    return list as PutEventsEntry[];
  }
  if (!opts.source || !opts.detailType) throw refuse('pass --source and --detail-type (with --detail), or --entries FILE');
  return [
    {
      Source: opts.source,
      DetailType: opts.detailType,
      Detail: opts.detail ? (readJson(opts.detail, '--detail') as Record<string, unknown>) : {},
      ...(opts.bus ? { EventBusName: opts.bus } : {}),
      ...(opts.resource?.length ? { Resources: opts.resource } : {}),
      ...(opts.time ? { Time: opts.time } : {}),
    },
  ];
}

/** Rule definitions from a JSON or YAML file: one rule, a list, or {"Rules": [...]}. */
function rulesFrom(file: string): RuleDefinition[] {
  let value: unknown;
  try {
    value = parseYaml(readText(file, 'FILE')) as unknown;
  } catch (err) {
    if (err instanceof HashiError) throw err;
    throw refuse(`${file}: not valid JSON or YAML: ${(err as Error).message}`);
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' && 'Rules' in value ? (value as { Rules: unknown }).Rules : [value];
  if (!Array.isArray(list)) throw refuse(`${file}: expected a rule, a list of rules or {"Rules": [...]}`);
  return list as RuleDefinition[];
}

const describeRule = (r: StoredRule) =>
  `${r.EventBusName}/${r.Name}  ${r.State}  ${r.Origin}  ${r.ScheduleExpression ?? JSON.stringify(r.EventPattern)}  → ${r.Targets.map((t) => t.Arn).join(', ') || '(no targets)'}`;

function rulesCommand(): Command {
  const cmd = new Command('rules').description('list, show, put and delete event rules (rules from hashi.yaml are changed there)');
  withCommonOptions(cmd.command('list'))
    .option('--bus <name>', 'only this bus')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { bus?: string; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const rules = await h.events.listRules(opts.bus);
        output(opts.json, rules, () => (rules.length === 0 ? '(no rules)' : rules.map(describeRule).join('\n')));
      });
    });
  withCommonOptions(cmd.command('show'))
    .argument('<name>', 'rule name')
    .option('--bus <name>', 'the rule’s bus', 'default')
    .action(async (name: string, opts: CommonOptions & { bus: string }) => {
      await withHashi(opts, async (h) => output(true, await h.events.getRule(name, opts.bus), () => ''));
    });
  withCommonOptions(cmd.command('put'))
    .description('create or replace rules from a JSON or YAML file (EventBridge shapes: Name, EventPattern | ScheduleExpression, Targets)')
    .argument('<file>', 'one rule, a list, or {"Rules": [...]}')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: CommonOptions & { json?: boolean }) => {
      const defs = rulesFrom(file);
      await withHashi(opts, async (h) => {
        const stored: StoredRule[] = [];
        for (const def of defs) stored.push(await h.events.putRule(def));
        output(opts.json, stored, () => stored.map((r) => `put ${describeRule(r)}`).join('\n'));
      });
    });
  withCommonOptions(cmd.command('delete'))
    .argument('<name>', 'rule name')
    .option('--bus <name>', 'the rule’s bus', 'default')
    .action(async (name: string, opts: CommonOptions & { bus: string }) => {
      await withHashi(opts, async (h) => {
        await h.events.deleteRule(name, opts.bus);
        process.stdout.write(`deleted rule ${opts.bus}/${name}\n`);
      });
    });
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
    .action(async (opts: PutOptions) => {
      const entries = entriesFrom(opts);
      await withHashi(opts, async (h) => {
        const result = await h.events.putEvents(entries);
        output(opts.json, result, () => result.Entries.map((e) => (e.EventId ? `ok      ${e.EventId}` : `refused ${e.ErrorCode}: ${e.ErrorMessage}`)).join('\n'));
        if (result.FailedEntryCount > 0) process.exitCode = 2;
      });
    });
  cmd.addCommand(rulesCommand());
  withCommonOptions(cmd.command('replay'))
    .description('replay a time window of an archive to its bus (all rules, or --rule …); runs here and prints the result')
    .requiredOption('--archive <name>', 'archive to replay from')
    .requiredOption('--from <time>', 'EventStartTime (ISO 8601, inclusive)')
    .requiredOption('--to <time>', 'EventEndTime (ISO 8601, exclusive)')
    .option('--rule <name...>', 'only these rules of the bus')
    .option('--name <name>', 'replay name (default: replay-<timestamp>)')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { archive: string; from: string; to: string; rule?: string[]; name?: string; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const name = opts.name ?? `replay-${new Date(h.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
        await h.events.startReplay({ ReplayName: name, ArchiveName: opts.archive, EventStartTime: opts.from, EventEndTime: opts.to, ...(opts.rule ? { Rules: opts.rule } : {}) });
        const done = await h.events.runReplay(name);
        output(opts.json, done, () => `replay ${done.ReplayName}: ${done.State}, ${done.EventsReplayed} event(s) from ${done.ArchiveName} re-delivered on bus ${done.EventBusName}`);
      });
    });
  return cmd;
}
