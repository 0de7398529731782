import type { TargetDefinition } from '../../events/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { int, list, page, str, validation } from '../protocol/input.ts';
import type { EbCall, EbOperation } from './context.ts';
import { changeRule, ruleKey } from './rules.ts';

const MAX_TARGETS = 5;
// Target members Hashi acts on, plus RoleArn and DeadLetterConfig, kept and returned as given.
const MEMBERS = ['Id', 'Arn', 'Input', 'InputPath', 'InputTransformer', 'RetryPolicy', 'SqsParameters', 'RoleArn', 'DeadLetterConfig'] as const;

function toTarget(raw: unknown, call: EbCall): TargetDefinition {
  if (raw === null || typeof raw !== 'object') throw validation('Targets.member', 'Member must be a structure', raw);
  const t = raw as Record<string, unknown>;
  const id = str(t, 'Id', { required: true, max: 64 });
  const arn = str(t, 'Arn', { required: true, max: 1600 });
  const out: Record<string, unknown> = {};
  for (const m of MEMBERS) if (t[m] !== undefined && t[m] !== null) out[m] = t[m];
  return { ...(out as unknown as TargetDefinition), Id: id, Arn: call.names.target(arn) };
}

export const targetOperations: Record<string, EbOperation> = {
  /** Adds or replaces targets by Id; a rule has at most 5 (LimitExceededException past that). */
  async PutTargets(input, call) {
    const { name, bus } = ruleKey(input, call, 'Rule');
    const targets = (list(input, 'Targets', { required: true, max: 100 }) ?? []).map((t) => toTarget(t, call));
    if (targets.length === 0) throw validation('Targets', 'Member must have length greater than or equal to 1', '[]');
    await changeRule(call, name, bus, (current) => {
      const byId = new Map((current.Targets ?? []).map((t) => [t.Id, t]));
      for (const t of targets) byId.set(t.Id, t);
      if (byId.size > MAX_TARGETS) throw new AwsError('LimitExceededException', `The requested resource exceeds the maximum number allowed: a rule has at most ${MAX_TARGETS} targets.`, 400);
      return { ...current, Targets: [...byId.values()] };
    });
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  async RemoveTargets(input, call) {
    const { name, bus } = ruleKey(input, call, 'Rule');
    const ids = (list(input, 'Ids', { required: true, max: 100 }) ?? []).map(String);
    await changeRule(call, name, bus, (current) => ({ ...current, Targets: (current.Targets ?? []).filter((t) => !ids.includes(t.Id)) }));
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  async ListTargetsByRule(input, call) {
    const { name, bus } = ruleKey(input, call, 'Rule');
    const rule = await call.bus.getRule(name, bus);
    const { items, nextToken } = page(rule.Targets, int(input, 'Limit', 1, 100), str(input, 'NextToken'));
    return { Targets: items, ...(nextToken ? { NextToken: nextToken } : {}) };
  },
};
