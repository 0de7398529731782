import { parse as parseYaml } from 'yaml';
import type { PutEventsEntry, RuleDefinition, StoredRule } from '../../events/index.ts';
import { HashiError } from '../../kernel/index.ts';
import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';
import { readJson, readText, refuse } from './read-input.ts';

export interface PutOptions extends CommonOptions {
  source?: string;
  detailType?: string;
  detail?: string;
  bus?: string;
  resource?: string[];
  time?: string;
  entries?: string;
  json?: boolean;
}

export interface ReplayOptions extends CommonOptions {
  archive: string;
  from: string;
  to: string;
  rule?: string[];
  name?: string;
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

export async function put(opts: PutOptions): Promise<void> {
  const entries = entriesFrom(opts);
  await withHashi(opts, async (h) => {
    const result = await h.events.putEvents(entries);
    output(opts.json, result, () => result.Entries.map((e) => (e.EventId ? `ok      ${e.EventId}` : `refused ${e.ErrorCode}: ${e.ErrorMessage}`)).join('\n'));
    if (result.FailedEntryCount > 0) process.exitCode = 2;
  });
}

export async function listRules(opts: CommonOptions & { bus?: string; json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const rules = await h.events.listRules(opts.bus);
    output(opts.json, rules, () => (rules.length === 0 ? '(no rules)' : rules.map(describeRule).join('\n')));
  });
}

export async function showRule(name: string, opts: CommonOptions & { bus: string }): Promise<void> {
  await withHashi(opts, async (h) => output(true, await h.events.getRule(name, opts.bus), () => ''));
}

export async function putRules(file: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  const defs = rulesFrom(file);
  await withHashi(opts, async (h) => {
    const stored: StoredRule[] = [];
    for (const def of defs) stored.push(await h.events.putRule(def));
    output(opts.json, stored, () => stored.map((r) => `put ${describeRule(r)}`).join('\n'));
  });
}

export async function deleteRule(name: string, opts: CommonOptions & { bus: string }): Promise<void> {
  await withHashi(opts, async (h) => {
    await h.events.deleteRule(name, opts.bus);
    process.stdout.write(`deleted rule ${opts.bus}/${name}\n`);
  });
}

export async function replay(opts: ReplayOptions): Promise<void> {
  await withHashi(opts, async (h) => {
    const name = opts.name ?? `replay-${new Date(h.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
    await h.events.startReplay({ ReplayName: name, ArchiveName: opts.archive, EventStartTime: opts.from, EventEndTime: opts.to, ...(opts.rule ? { Rules: opts.rule } : {}) });
    const done = await h.events.runReplay(name);
    output(opts.json, done, () => `replay ${done.ReplayName}: ${done.State}, ${done.EventsReplayed} event(s) from ${done.ArchiveName} re-delivered on bus ${done.EventBusName}`);
  });
}
