import { defineCodes } from '../../kernel/index.ts';

/** Support Desk's error codes (README "Error codes"). */
export const SUPPORT_CODES = defineCodes({
  TICKET_NOT_FOUND: { status: 404, description: 'No ticket with this id is visible to the caller (unknown, expired, or another customer\'s).' },
  CUSTOMER_MISMATCH: { status: 403, description: 'The credential names a customer and the body names another one in customer.id.' },
  CUSTOMER_REQUIRED: { status: 403, description: 'support.tickets.tenantKeys is false and the credential names no customer.' },
  SOLUTION_NOT_READY: { status: 409, description: 'The ticket solution cannot be streamed yet (queued, or retrying after a failed attempt); details.reason says which.' },
  SOLUTION_FAILED: { status: 409, description: 'The ticket is FAILED: there is no solution to stream; details.reason says why.' },
  TICKET_NOT_SOLVED: { status: 409, description: 'Feedback is accepted once the ticket is READY or FAILED.' },
  CURSOR_INVALID: { status: 400, description: 'The list cursor is not one this API returned.' },
  KB_DOCUMENT_INVALID: { status: 400, description: 'A knowledge-base document lacks an id, title or text, or has malformed metadata; the message names the line or file.' },
  KB_DOCUMENT_NOT_FOUND: { status: 404, description: 'No knowledge-base document with this id.' },
  KB_SOURCE_UNREADABLE: { status: 400, description: 'The ingest path is neither a folder of Markdown/text files nor a .jsonl file.' },
  SUPPORT_EVENT_REFUSED: { status: 500, description: 'The event bus refused a Support Desk event (e.g. an enforced schema in events.schemas); nothing was stored.' },
  SUPPORT_EVENT_INVALID: { status: 422, description: 'A TicketCreated event reached the workflow without detail.ticket_id (published by hand?); it is dead-lettered.' },
  SUPPORT_FM_INCOMPLETE: { status: 503, description: 'The FM stream ended without its final event; the solve job retries.' },
  SUPPORT_INTERRUPTED: { status: 503, description: 'A solve attempt was cut short by the worker shutting down; it is retried, never counted as the ticket failing for good.' },
  SUPPORT_WORKFLOW_EXPIRED: { status: 504, description: 'A ticket stayed PROCESSING past support.workflow.maxAgeMs; the purge set it FAILED.' },
});
