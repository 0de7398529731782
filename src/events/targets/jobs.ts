import type { JobInput } from '../../queue/index.ts';
import type { Rule } from '../rules/validate.ts';
import type { EventEnvelope, TargetDefinition } from '../types.ts';

/** The queue job type of every (event, rule, target) delivery. */
export const DELIVER_JOB = 'events.deliver';

/** EventBridge's defaults: 185 retries within 24 hours. */
export const DEFAULT_MAX_RETRIES = 185;
export const DEFAULT_MAX_AGE_SECONDS = 86_400;

/**
 * A delivery job carries the event and a snapshot of its target, so it can
 * run (or be redriven from the DLQ) even after the rule changed or the event
 * left the log.
 */
export interface DeliveryPayload {
  bus: string;
  rule: string;
  ruleArn: string;
  target: TargetDefinition;
  event: EventEnvelope;
  /** ISO time the bus received the event (`<aws.events.event.ingestion-time>`). */
  ingestedAt: string;
}

/** Context copied into the DLQ entry of a delivery that gives up. */
export interface DeliveryMeta extends Record<string, unknown> {
  rule: string;
  bus: string;
  target: string;
  targetArn: string;
  eventId: string;
  replayName?: string;
}

export function dedupeKey(eventId: string, bus: string, rule: string, target: string, replayName?: string): string {
  return `evt:${eventId}:${bus}:${rule}:${target}${replayName ? `:replay:${replayName}` : ''}`;
}

/** One job per target of each matched rule, with the target's retry policy. */
export function deliveryJobs(
  event: EventEnvelope,
  bus: string,
  rules: Rule[],
  args: { ingestedAt: string; arnOf: (rule: Rule) => string },
): Array<JobInput<DeliveryPayload>> {
  const replayName = event['replay-name'];
  const jobs: Array<JobInput<DeliveryPayload>> = [];
  for (const rule of rules) {
    const ruleArn = args.arnOf(rule);
    for (const target of rule.targets) {
      const retries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
      const ageSeconds = target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS;
      const meta: DeliveryMeta = { rule: rule.name, bus, target: target.Id, targetArn: target.Arn, eventId: event.id };
      if (replayName !== undefined) meta.replayName = replayName;
      jobs.push({
        type: DELIVER_JOB,
        payload: { bus, rule: rule.name, ruleArn, target, event, ingestedAt: args.ingestedAt },
        dedupeKey: dedupeKey(event.id, bus, rule.name, target.Id, replayName),
        maxAttempts: retries + 1,
        maxAgeMs: ageSeconds * 1000,
        meta,
      });
    }
  }
  return jobs;
}
