import { ValidationError, isHashiError } from '../../kernel/index.ts';
import { validatePattern } from '../patterns/index.ts';
import { parseSchedule } from '../schedules/index.ts';
import { parseTargetArn, type TargetRef } from '../targets/arn.ts';
import { targetInputSpec } from '../targets/input.ts';
import { compileTargetInput } from '../transform/index.ts';
import type { RuleDefinition, TargetDefinition } from '../types.ts';

/** A rule after validation: what is stored and matched. */
export interface Rule {
  name: string;
  bus: string;
  description?: string;
  pattern?: Record<string, unknown>;
  schedule?: string;
  /** ScheduleExpressionTimezone of an at() schedule. */
  timezone?: string;
  enabled: boolean;
  targets: TargetDefinition[];
}

/** What rule validation needs to know about the running bus. */
export interface RuleChecks {
  hasBus(name: string): boolean;
  /** Throws when the kind is unknown or the kind refuses the target. */
  checkTarget(ref: TargetRef, target: TargetDefinition): void;
}

export const MAX_TARGETS = 5;
const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const ruleError = (message: string, field: string) => new ValidationError('EVENT_RULE_INVALID', message, { details: { field } });
const targetError = (message: string, field: string) => new ValidationError('EVENT_TARGET_INVALID', message, { details: { field } });

/** Re-throws a nested validation error with the field it was found in. */
function within(field: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!isHashiError(err) || err.status >= 500) throw err;
    const details = isObject(err.details) ? err.details : {};
    throw new ValidationError(err.code, `${field}: ${err.message}`, { details: { ...details, field }, cause: err });
  }
}

function parsePattern(pattern: unknown): Record<string, unknown> {
  let value = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern) as unknown;
    } catch {
      throw new ValidationError('EVENT_PATTERN_INVALID', '<root>: Event pattern is not valid JSON', { details: { path: '<root>' } });
    }
  }
  validatePattern(value);
  return value as Record<string, unknown>;
}

function checkRange(value: unknown, min: number, max: number, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw targetError(`${field} must be an integer from ${min} to ${max}`, field);
  }
}

function checkTarget(raw: unknown, at: string, checks: RuleChecks, ids: Set<string>): TargetDefinition {
  if (!isObject(raw)) throw targetError(`${at} must be an object`, at);
  const target = raw as unknown as TargetDefinition;
  if (typeof target.Id !== 'string' || !NAME.test(target.Id)) throw targetError(`${at}.Id must be 1-64 of letters, digits, ".", "-" or "_"`, `${at}.Id`);
  if (ids.has(target.Id)) throw targetError(`${at}.Id ${target.Id} is used twice in the rule`, `${at}.Id`);
  ids.add(target.Id);
  const ref = typeof target.Arn === 'string' ? parseTargetArn(target.Arn) : undefined;
  if (!ref) throw targetError(`${at}.Arn must be <kind>:<name> (function:…, bus:…, queue:…, http:…)`, `${at}.Arn`);
  const inputs = (['Input', 'InputPath', 'InputTransformer'] as const).filter((k) => target[k] !== undefined);
  if (inputs.length > 1) throw targetError(`${at}: only one of Input, InputPath and InputTransformer may be set (got ${inputs.join(', ')})`, at);
  within(at, () => compileTargetInput(targetInputSpec(target)));
  if (target.RetryPolicy !== undefined) {
    if (!isObject(target.RetryPolicy)) throw targetError(`${at}.RetryPolicy must be an object`, `${at}.RetryPolicy`);
    checkRange(target.RetryPolicy.MaximumRetryAttempts, 0, 185, `${at}.RetryPolicy.MaximumRetryAttempts`);
    checkRange(target.RetryPolicy.MaximumEventAgeInSeconds, 60, 86400, `${at}.RetryPolicy.MaximumEventAgeInSeconds`);
  }
  if (target.Config !== undefined && !isObject(target.Config)) throw targetError(`${at}.Config must be an object`, `${at}.Config`);
  if (target.SqsParameters !== undefined) {
    const group = isObject(target.SqsParameters) ? target.SqsParameters.MessageGroupId : null;
    if (group !== undefined && (typeof group !== 'string' || group.length < 1 || group.length > 128)) {
      throw targetError(`${at}.SqsParameters.MessageGroupId must be 1-128 characters`, `${at}.SqsParameters`);
    }
  }
  within(at, () => checks.checkTarget(ref, target));
  return target;
}

/**
 * Validates a rule as PutRule + PutTargets would, with messages naming the
 * field (and, for patterns, the offending path). Throws ValidationError.
 */
export function validateRule(raw: unknown, checks: RuleChecks): Rule {
  if (!isObject(raw)) throw ruleError('a rule must be an object', '(root)');
  const def = raw as unknown as RuleDefinition;
  if (typeof def.Name !== 'string' || !NAME.test(def.Name)) throw ruleError('Name must be 1-64 of letters, digits, ".", "-" or "_"', 'Name');
  const bus = def.EventBusName ?? 'default';
  if (typeof bus !== 'string' || !checks.hasBus(bus)) {
    throw new ValidationError('EVENT_BUS_NOT_FOUND', `EventBusName: event bus ${String(bus)} does not exist`, { details: { field: 'EventBusName' } });
  }
  if (def.Description !== undefined && (typeof def.Description !== 'string' || def.Description.length > 512)) {
    throw ruleError('Description must be a string of at most 512 characters', 'Description');
  }
  const hasPattern = def.EventPattern !== undefined && def.EventPattern !== null;
  const hasSchedule = def.ScheduleExpression !== undefined && def.ScheduleExpression !== null;
  if (hasPattern === hasSchedule) throw ruleError('exactly one of EventPattern and ScheduleExpression must be set', 'EventPattern');
  const rule: Rule = { name: def.Name, bus, enabled: true, targets: [] };
  if (def.Description !== undefined) rule.description = def.Description;
  if (hasPattern) within('EventPattern', () => void (rule.pattern = parsePattern(def.EventPattern)));
  const zone = def.ScheduleExpressionTimezone;
  if (zone !== undefined && zone !== null && (typeof zone !== 'string' || !hasSchedule)) {
    throw ruleError('ScheduleExpressionTimezone is a time zone name for a ScheduleExpression', 'ScheduleExpressionTimezone');
  }
  if (hasSchedule) {
    if (typeof def.ScheduleExpression !== 'string') throw ruleError('ScheduleExpression must be a string', 'ScheduleExpression');
    within('ScheduleExpression', () => void parseSchedule(def.ScheduleExpression!, zone ?? undefined));
    rule.schedule = def.ScheduleExpression;
    if (typeof zone === 'string') rule.timezone = zone;
  }
  if (def.State !== undefined && def.State !== 'ENABLED' && def.State !== 'DISABLED') throw ruleError('State must be ENABLED or DISABLED', 'State');
  rule.enabled = def.State !== 'DISABLED';
  const targets = def.Targets ?? [];
  if (!Array.isArray(targets)) throw ruleError('Targets must be a list', 'Targets');
  if (targets.length > MAX_TARGETS) throw ruleError(`a rule has at most ${MAX_TARGETS} targets (got ${targets.length})`, 'Targets');
  const ids = new Set<string>();
  rule.targets = targets.map((t, i) => checkTarget(t, `Targets[${i}]`, checks, ids));
  return rule;
}
