import type { Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { IdempotencyStore } from './keys/store.ts';

export const PURGE_JOB = 'webhooks.purge_keys';

/**
 * Enqueues the purge for the next slot of `intervalMs`. The dedupe key names
 * the slot, so every replica that starts (and every run that re-schedules
 * itself) asks for the same job and only one exists.
 */
export async function schedulePurge(queue: Queue, clock: Clock, intervalMs: number): Promise<void> {
  const slot = Math.floor(clock.now() / intervalMs) + 1;
  await queue.enqueue({ type: PURGE_JOB, payload: { slot }, runAt: slot * intervalMs, dedupeKey: `${PURGE_JOB}:${slot}` });
}

/** A self-rescheduling job: purge expired keys, then ask for the next slot. */
export function registerPurgeJob(queue: Queue, keys: IdempotencyStore, clock: Clock, intervalMs: number, logger: Logger): void {
  queue.register(PURGE_JOB, async () => {
    await schedulePurge(queue, clock, intervalMs);
    const purged = await keys.purge();
    if (purged > 0) logger.info({ purged }, 'expired webhook idempotency keys purged');
  });
}
