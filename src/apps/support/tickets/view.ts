import type { TicketsTable } from '../tables.ts';
import type { Solution, TicketRequest, TicketStatus } from '../types.ts';

/**
 * The public view of a ticket. Built field by field from an allow list, so
 * internal columns (tracking id, key id, attempts, last error, and the model
 * and cost kept with the generation) can never leak by being added later.
 */
export interface PublicTicket {
  ticket_id: string;
  status: TicketStatus;
  priority: string;
  lang: string;
  customer: TicketRequest['customer'];
  asset: TicketRequest['asset'];
  symptom_text: string;
  error_code?: string;
  policies: TicketRequest['policies'];
  created_at: string;
  updated_at: string;
  estimated_completion: string;
  completed_at?: string;
  expires_at: string;
  solution?: Solution;
  failure_reason?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function publicTicket(row: TicketsTable): PublicTicket {
  const req = JSON.parse(row.request) as TicketRequest;
  const view: PublicTicket = {
    ticket_id: row.id,
    status: row.status as TicketStatus,
    priority: row.priority,
    lang: row.lang,
    customer: req.customer,
    asset: req.asset,
    symptom_text: req.symptom_text,
    policies: req.policies,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    estimated_completion: iso(row.estimated_completion_at),
    expires_at: iso(row.expires_at),
  };
  if (req.error_code !== undefined) view.error_code = req.error_code;
  if (row.completed_at !== null) view.completed_at = iso(row.completed_at);
  if (row.solution !== null) view.solution = JSON.parse(row.solution) as Solution;
  if (row.failure_reason !== null) view.failure_reason = row.failure_reason;
  return view;
}

/** The 202 answer to POST /tickets. */
export function acceptedTicket(row: Pick<TicketsTable, 'id' | 'status' | 'created_at' | 'estimated_completion_at'>) {
  return {
    ticket_id: row.id,
    status: row.status as TicketStatus,
    created_at: iso(row.created_at),
    estimated_completion: iso(row.estimated_completion_at),
  };
}
