import { PermanentError, RetryableError, newId, type Clock } from '../../kernel/index.ts';
import type { Logger, Observer } from '../../observability/index.ts';
import type { HandlerContext, Job } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import type { WebhooksSettings } from '../settings.ts';
import { sendAttempt, type AttemptResult } from './attempt.ts';
import type { DeliverPayload } from './dispatch.ts';
import { insertAttempt, selectMessage, updateMessage, type MessageRow } from './messages.ts';
import { retryDelay } from './schedule.ts';
import { signStandardWebhook } from './sign.ts';
import type { Lookup } from './ssrf.ts';
import { recordFailure, recordSuccess, selectSubscription, type SubscriptionRow } from './subscription-rows.ts';
import type { Subscriptions } from './subscriptions.ts';

export interface DeliverJobDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  observer?: Observer;
  settings: WebhooksSettings['outbound'];
  subscriptions: Subscriptions;
  lookup?: Lookup;
  random?: () => number;
}

const USER_AGENT = 'Hashi-Webhooks/1';

function secretsOf(sub: SubscriptionRow, now: number): string[] {
  return sub.previous_secret !== null && (sub.previous_secret_until ?? 0) > now ? [sub.secret, sub.previous_secret] : [sub.secret];
}

/**
 * One attempt of one message (the `webhooks.deliver` job). Success: 2xx.
 * 410 Gone disables the subscription and dead-letters the message; a refused
 * endpoint (SSRF guard) dead-letters it; anything else is retried on the
 * schedule until the queue dead-letters it as exhausted. Every attempt is
 * recorded with its status and ≤ responseBodyBytes of the answer.
 */
export function deliverJob(deps: DeliverJobDeps) {
  const random = deps.random ?? Math.random;
  return async (job: Job<DeliverPayload>, ctx: HandlerContext): Promise<void> => {
    const message = await selectMessage(deps.store.db, job.payload.messageId);
    if (!message || message.status === 'delivered') return;
    const sub = await selectSubscription(deps.store.db, message.subscription_id);
    if (!sub) {
      await updateMessage(deps.store.db, message.id, { status: 'failed' });
      throw new PermanentError(`subscription ${message.subscription_id} no longer exists`, { code: 'WEBHOOK_SUBSCRIPTION_NOT_FOUND' });
    }
    if (sub.enabled !== 1) throw new PermanentError(`subscription ${sub.id} is disabled (${sub.disabled_reason ?? 'manual'}); redrive after re-enabling it`, { code: 'WEBHOOK_SUBSCRIPTION_DISABLED' });

    const started = deps.clock.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...signStandardWebhook({ id: message.id, timestamp: Math.floor(started / 1000), body: message.body, secret: secretsOf(sub, started) }),
    };
    const result = await sendAttempt({
      url: sub.url,
      body: message.body,
      headers,
      timeoutMs: deps.settings.timeoutMs,
      keepBytes: Math.min(1024, deps.settings.responseBodyBytes),
      allow: deps.settings.allow,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
      signal: ctx.signal,
      now: () => deps.clock.now(),
    });
    const final = job.attempt >= job.maxAttempts;
    await record(deps, message, sub, job.attempt, started, result, final);
    if (result.ok) return;
    throw await failure(deps, sub, job.attempt, result, random);
  };
}

async function record(deps: DeliverJobDeps, message: MessageRow, sub: SubscriptionRow, attempt: number, started: number, result: AttemptResult, final: boolean): Promise<void> {
  const now = deps.clock.now();
  const permanent = result.refused === true || result.status === 410;
  await deps.store.transaction(async (tx) => {
    await insertAttempt(tx, {
      id: newId('wha', now),
      message_id: message.id,
      subscription_id: sub.id,
      attempt,
      at: started,
      duration_ms: Math.max(0, now - started),
      outcome: result.ok ? 'succeeded' : 'failed',
      http_status: result.status ?? null,
      response_body: result.responseBody ?? null,
      error: result.error ?? null,
    });
    await updateMessage(tx, message.id, { attempts: attempt, last_attempt_at: started, status: result.ok ? 'delivered' : final || permanent ? 'failed' : 'pending' });
    if (result.ok) await recordSuccess(tx, sub.id, now);
  });
  deps.observer?.emit('webhook:attempt', { subscription: sub.id, messageId: message.id, attempt, status: result.status ?? 0, ok: result.ok });
}

/** The error that tells the queue what happens next; disables the subscription when the rule says so. */
async function failure(deps: DeliverJobDeps, sub: SubscriptionRow, attempt: number, result: AttemptResult, random: () => number): Promise<Error> {
  const what = result.status !== undefined ? `endpoint answered ${result.status}` : (result.error ?? 'attempt failed');
  if (result.refused) return new PermanentError(what, { code: 'WEBHOOK_ENDPOINT_REFUSED' });
  if (result.status === 410) {
    await deps.subscriptions.disable(sub.id, 'gone');
    return new PermanentError(`endpoint answered 410 Gone; subscription ${sub.id} disabled`, { code: 'WEBHOOK_ENDPOINT_GONE' });
  }
  const now = deps.clock.now();
  const failingSince = await recordFailure(deps.store.db, sub.id, now);
  if (failingSince !== undefined && now - failingSince >= deps.settings.disableAfterMs) {
    await deps.subscriptions.disable(sub.id, 'failing');
    return new PermanentError(`${what}; every attempt since ${new Date(failingSince).toISOString()} failed, subscription ${sub.id} disabled`, {
      code: 'WEBHOOK_SUBSCRIPTION_DISABLED',
    });
  }
  const delay = retryDelay(attempt, deps.settings.retryScheduleMs, deps.settings.jitter, random, result.retryAfterMs);
  return new RetryableError(what, { code: 'WEBHOOK_ATTEMPT_FAILED', retryAfterMs: delay });
}
