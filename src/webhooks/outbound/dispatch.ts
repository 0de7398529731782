import { createHash } from 'node:crypto';
import type { Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import type { EventEnvelope, TargetDeliveryInput } from '../types.ts';
import { insertMessage } from './messages.ts';
import { messageBody } from './payload.ts';
import { maxAgeFor, maxAttemptsFor } from './schedule.ts';
import { selectSubscription } from './subscription-rows.ts';

/** The queue job that makes one attempt of one message. */
export const DELIVER_JOB = 'webhooks.deliver';

export interface DeliverPayload {
  messageId: string;
}

export interface DispatchDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  schedule: { retryScheduleMs: readonly number[]; jitter: number };
}

/**
 * The message id: the same (event, subscription, replay) always gives the same
 * id, so a bus delivery that runs twice creates one message, and receivers can
 * dedupe on `webhook-id` across our retries.
 */
export function messageIdFor(event: EventEnvelope, subscriptionId: string): string {
  const digest = createHash('sha256').update(`${event.id}\n${subscriptionId}\n${event['replay-name'] ?? ''}`).digest('hex');
  return `msg_${digest.slice(0, 32)}`;
}

/**
 * The bus's `http` target kind: turns (event, subscription) into a stored
 * message and one `webhooks.deliver` job, in one transaction. The HTTP work,
 * its retry schedule, the DLQ and auto-disable all belong to that job, so a
 * slow or dead endpoint never holds a bus delivery job.
 */
export function httpTargetKind(deps: DispatchDeps) {
  return async (input: TargetDeliveryInput): Promise<void> => {
    const subscriptionId = input.name;
    const sub = await selectSubscription(deps.store.db, subscriptionId);
    if (!sub) {
      deps.logger.info({ subscription: subscriptionId, eventId: input.event.id }, 'event for a deleted webhook subscription dropped');
      return;
    }
    // Disabled endpoints get nothing new (their pending retries go to the DLQ).
    if (sub.enabled !== 1) return;
    const now = deps.clock.now();
    const id = messageIdFor(input.event, subscriptionId);
    await deps.store.transaction(async (tx) => {
      const inserted = await insertMessage(tx, {
        id,
        subscription_id: subscriptionId,
        event_id: input.event.id,
        event_type: input.event['detail-type'],
        body: messageBody(input.event, sub.transform),
        status: 'pending',
        attempts: 0,
        created_at: now,
        last_attempt_at: null,
      });
      if (!inserted) return;
      const { retryScheduleMs, jitter } = deps.schedule;
      await deps.queue.enqueue<DeliverPayload>(
        {
          type: DELIVER_JOB,
          payload: { messageId: id },
          dedupeKey: `webhooks.deliver:${id}`,
          maxAttempts: maxAttemptsFor(retryScheduleMs),
          maxAgeMs: maxAgeFor(retryScheduleMs, jitter),
          meta: { subscriptionId, messageId: id, eventId: input.event.id },
        },
        tx,
      );
    });
  };
}
