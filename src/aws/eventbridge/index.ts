import type { EventBus } from '../../events/index.ts';
import type { AwsService, Operation } from '../protocol/service.ts';
import { archiveOperations } from './archives.ts';
import { busOperations } from './buses.ts';
import { ebCall, type EbOperation } from './context.ts';
import { eventBridgeAuthError, eventBridgeError } from './errors.ts';
import { putEventsOperations } from './put-events.ts';
import { replayOperations } from './replays.ts';
import { ruleOperations } from './rules.ts';
import { targetOperations } from './targets.ts';

/** EventBridge's signature window: five minutes either way (the SigV4 documentation's "within five minutes"). */
export const EVENTBRIDGE_CLOCK_WINDOW_MS = 5 * 60_000;

/**
 * EventBridge on the AWS JSON 1.1 protocol (`X-Amz-Target: AWSEvents.<Op>`),
 * over the same bus, rules, archives and replays as the native API and hashi.yaml.
 */
export function eventBridgeService(bus: EventBus): AwsService {
  const table: Record<string, EbOperation> = { ...putEventsOperations, ...busOperations, ...ruleOperations, ...targetOperations, ...archiveOperations, ...replayOperations };
  const operations: Record<string, Operation> = Object.fromEntries(Object.entries(table).map(([name, op]) => [name, (input, ctx) => op(input, ebCall(bus, ctx))]));
  return {
    target: 'AWSEvents',
    jsonVersion: '1.1',
    signingName: 'events',
    clockWindowMs: EVENTBRIDGE_CLOCK_WINDOW_MS,
    operations,
    authError: eventBridgeAuthError,
    toAwsError: eventBridgeError,
  };
}
