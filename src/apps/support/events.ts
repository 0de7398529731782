import type { PutEventsEntry } from '../../events/index.ts';
import type { FeedbackTable, TicketsTable } from './tables.ts';

/** The events Support Desk publishes on the default bus (source `hashi.support`). */
export const SUPPORT_SOURCE = 'hashi.support';
export const TICKET_CREATED = 'TicketCreated';
export const TICKET_SOLVED = 'TicketSolved';
export const TICKET_FAILED = 'TicketFailed';
export const FEEDBACK_RECEIVED = 'TicketFeedbackReceived';

/** Enough for rules to route on (priority, product, error code); the ticket itself stays in the store. */
function ticketDetail(t: Pick<TicketsTable, 'id' | 'tenant' | 'customer_id' | 'priority' | 'product_type' | 'error_code' | 'lang'>) {
  return {
    ticket_id: t.id,
    tenant: t.tenant,
    customer_id: t.customer_id,
    priority: t.priority,
    product_type: t.product_type,
    lang: t.lang,
    ...(t.error_code !== null ? { error_code: t.error_code } : {}),
  };
}

export function ticketCreated(t: Parameters<typeof ticketDetail>[0], at: number): PutEventsEntry {
  return { Source: SUPPORT_SOURCE, DetailType: TICKET_CREATED, Detail: ticketDetail(t), Resources: [`ticket/${t.id}`], Time: new Date(at) };
}

export function ticketSolved(t: TicketsTable, solution: { grounded: boolean; citations: string[] }, at: number): PutEventsEntry {
  return {
    Source: SUPPORT_SOURCE,
    DetailType: TICKET_SOLVED,
    Detail: { ...ticketDetail(t), status: 'READY', grounded: solution.grounded, citations: solution.citations },
    Resources: [`ticket/${t.id}`],
    Time: new Date(at),
  };
}

export function ticketFailed(t: TicketsTable, reason: string, at: number): PutEventsEntry {
  return { Source: SUPPORT_SOURCE, DetailType: TICKET_FAILED, Detail: { ...ticketDetail(t), status: 'FAILED', reason }, Resources: [`ticket/${t.id}`], Time: new Date(at) };
}

export function feedbackReceived(t: TicketsTable, f: FeedbackTable): PutEventsEntry {
  return {
    Source: SUPPORT_SOURCE,
    DetailType: FEEDBACK_RECEIVED,
    Detail: {
      ...ticketDetail(t),
      feedback_id: f.id,
      rating: f.rating,
      resolved: f.resolved === 1,
      ...(f.comment !== null ? { comment: f.comment } : {}),
    },
    Resources: [`ticket/${t.id}`],
    Time: new Date(f.created_at),
  };
}
