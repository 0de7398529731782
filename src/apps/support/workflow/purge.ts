import type { Clock } from '../../../kernel/index.ts';
import type { Store } from '../../../store/index.ts';
import { ticketFailed } from '../events.ts';
import { publishOne } from '../publish.ts';
import type { SupportSettings } from '../settings.ts';
import type { TicketRepository } from '../tickets/repository.ts';
import type { SupportBus } from '../types.ts';

export const PURGE_FUNCTION = 'support.purgeTickets';

export interface PurgeResult {
  /** PROCESSING tickets older than the workflow's max age, set FAILED. */
  failed: number;
  /** Expired tickets deleted with their generations and feedback. */
  purged: number;
}

const BATCH = 500;
// The job's age counts from when the rule enqueued it, a little after the ticket was created.
const STALE_MARGIN_MS = 15 * 60_000;

/**
 * The scheduled clean-up: a ticket whose solve job can no longer run (older
 * than the job's max age plus a margin: dead-lettered as expired, or its worker lost) is
 * set FAILED so it does not stay PROCESSING forever; tickets past their
 * expiry (support.tickets.ttlDays) are deleted.
 */
export async function purgeTickets(deps: { store: Store; bus: SupportBus; clock: Clock; repo: TicketRepository; settings: SupportSettings }): Promise<PurgeResult> {
  const now = deps.clock.now();
  const reason = 'the solution workflow did not finish in time (SUPPORT_WORKFLOW_EXPIRED)';
  let failed = 0;
  for (const ticket of await deps.repo.staleProcessing(now - deps.settings.workflow.maxAgeMs - STALE_MARGIN_MS, BATCH)) {
    await deps.store.transaction(async (tx) => {
      if (await deps.repo.markFailed(tx, ticket.id, reason, null, ticket.attempts, now)) {
        await publishOne(deps.bus, tx, ticketFailed(ticket, reason, now));
        failed++;
      }
    });
  }
  let purged = 0;
  for (;;) {
    const n = await deps.store.transaction((tx) => deps.repo.purgeExpired(tx, now, BATCH));
    purged += n;
    if (n < BATCH) break;
  }
  return { failed, purged };
}
