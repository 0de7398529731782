import type { RuleDefinition, StoredRule, TargetDefinition } from '../../events/index.ts';
import { isHashiError } from '../../kernel/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { int, list, page, str, validation } from '../protocol/input.ts';
import type { EbCall, EbOperation } from './context.ts';

/** DescribeRule's shape: the pattern as JSON text, the bus by the caller's name for it. */
export function describeRule(r: StoredRule, call: EbCall): Record<string, unknown> {
  const out: Record<string, unknown> = { Name: r.Name, Arn: r.Arn, State: r.State, EventBusName: call.names.local(r.EventBusName), CreatedBy: call.ctx.caller.account };
  if (r.EventPattern !== undefined) out.EventPattern = JSON.stringify(r.EventPattern);
  if (r.ScheduleExpression !== undefined) out.ScheduleExpression = r.ScheduleExpression;
  if (r.Description !== undefined) out.Description = r.Description;
  if (r.Origin === 'config') out.ManagedBy = 'hashi.yaml';
  return out;
}

export function ruleKey(input: Record<string, unknown>, call: EbCall, member = 'Name'): { name: string; bus: string } {
  return { name: str(input, member, { required: true, max: 64 }), bus: call.names.bus(str(input, 'EventBusName', { max: 1600 })) };
}

const notFound = (name: string, bus: string, call: EbCall) => new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${call.names.local(bus)}.`, 400);

/** Runs `change` on an existing rule (ResourceNotFoundException when there is none). */
export async function changeRule(call: EbCall, name: string, bus: string, change: (current: RuleDefinition) => RuleDefinition): Promise<StoredRule> {
  return call.bus.updateRule(name, bus, (current) => {
    if (!current) throw notFound(name, bus, call);
    return change(current);
  });
}

const setState = (state: 'ENABLED' | 'DISABLED'): EbOperation => async (input, call) => {
  const { name, bus } = ruleKey(input, call);
  await changeRule(call, name, bus, (current) => ({ ...current, State: state }));
  return {};
};

export const ruleOperations: Record<string, EbOperation> = {
  /** PutRule replaces what it names (omitted members are cleared, as EventBridge documents) and keeps the rule's targets. */
  async PutRule(input, call) {
    const { name, bus } = ruleKey(input, call);
    const pattern = str(input, 'EventPattern', { max: 4096 });
    const schedule = str(input, 'ScheduleExpression', { max: 256 });
    const description = str(input, 'Description', { max: 512 });
    const state = str(input, 'State') ?? 'ENABLED';
    if (pattern === undefined && schedule === undefined) throw new AwsError('ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.', 400);
    if (!['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'].includes(state)) {
      throw validation('State', 'Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]', state);
    }
    const rule = await call.bus.updateRule(name, bus, (current) => ({
      Name: name,
      EventBusName: bus,
      State: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      Targets: current?.Targets ?? [],
      ...(pattern !== undefined ? { EventPattern: pattern } : {}),
      ...(schedule !== undefined ? { ScheduleExpression: schedule } : {}),
      ...(description !== undefined ? { Description: description } : {}),
    }));
    const tags = list<{ Key: unknown; Value: unknown }>(input, 'Tags') ?? [];
    if (tags.length > 0) await call.bus.tagResource(rule.Arn, Object.fromEntries(tags.map((t) => [String(t.Key), String(t.Value)])));
    return { RuleArn: rule.Arn };
  },

  /** EventBridge: a rule's targets are removed before the rule; deleting a rule that is gone succeeds. */
  async DeleteRule(input, call) {
    const { name, bus } = ruleKey(input, call);
    let rule: StoredRule;
    try {
      rule = await call.bus.getRule(name, bus);
    } catch (err) {
      if (isHashiError(err) && err.code === 'EVENT_RULE_NOT_FOUND') return {};
      throw err;
    }
    if (rule.Targets.length > 0 && rule.Origin !== 'config') throw new AwsError('ValidationException', "Rule can't be deleted since it has targets.", 400);
    await call.bus.deleteRule(name, bus);
    await call.bus.untagResource(rule.Arn, Object.keys(await call.bus.listTags(rule.Arn)));
    return {};
  },

  async DescribeRule(input, call) {
    const { name, bus } = ruleKey(input, call);
    return describeRule(await call.bus.getRule(name, bus), call);
  },

  async ListRules(input, call) {
    const bus = call.names.bus(str(input, 'EventBusName', { max: 1600 }));
    const prefix = str(input, 'NamePrefix', { max: 64 }) ?? '';
    const rules = (await call.bus.listRules(bus)).filter((r) => r.Name.startsWith(prefix));
    const { items, nextToken } = page(rules, int(input, 'Limit', 1, 100), str(input, 'NextToken'));
    return { Rules: items.map((r) => describeRule(r, call)), ...(nextToken ? { NextToken: nextToken } : {}) };
  },

  EnableRule: setState('ENABLED'),
  DisableRule: setState('DISABLED'),

  async ListRuleNamesByTarget(input, call) {
    const arn = str(input, 'TargetArn', { required: true, max: 1600 });
    const bus = call.names.bus(str(input, 'EventBusName', { max: 1600 }));
    const names = (await call.bus.listRules(bus)).filter((r) => r.Targets.some((t: TargetDefinition) => t.Arn === arn)).map((r) => r.Name);
    const { items, nextToken } = page(names, int(input, 'Limit', 1, 100), str(input, 'NextToken'));
    return { RuleNames: items, ...(nextToken ? { NextToken: nextToken } : {}) };
  },
};
