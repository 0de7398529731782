import type { EventFunction } from '../../../events/index.ts';
import { PermanentError } from '../../../kernel/index.ts';
import type { Queue } from '../../../queue/index.ts';
import type { SupportSettings } from '../settings.ts';
import { SOLVE_JOB, type SolvePayload } from './solve.ts';

export const START_FUNCTION = 'support.startSolution';

/**
 * The target of the `support-solve-ticket` rule: turns a TicketCreated event
 * into one `support.solve` job. The job type has its own attempts, backoff
 * and DLQ entries (`hashi dlq list --type support.solve`), with the ticket in
 * its context. A redelivered event while the job is pending is a no-op (dedupe
 * key); after it finished, the job sees the ticket done and does nothing.
 */
export function startSolution(queue: Queue, settings: SupportSettings): EventFunction {
  return async (event) => {
    const detail = event.detail as { ticket_id?: unknown; tenant?: unknown; customer_id?: unknown };
    if (typeof detail.ticket_id !== 'string') throw new PermanentError(`event ${event.id} has no detail.ticket_id`, { code: 'SUPPORT_EVENT_INVALID' });
    await queue.enqueue<SolvePayload>({
      type: SOLVE_JOB,
      payload: { ticketId: detail.ticket_id },
      dedupeKey: `${SOLVE_JOB}:${detail.ticket_id}`,
      maxAttempts: settings.workflow.maxAttempts,
      maxAgeMs: settings.workflow.maxAgeMs,
      meta: { ticketId: detail.ticket_id, tenant: detail.tenant, customerId: detail.customer_id, eventId: event.id },
    });
  };
}
