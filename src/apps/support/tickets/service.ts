import { ConflictError, NotFoundError, newId, type Clock } from '../../../kernel/index.ts';
import type { Store } from '../../../store/index.ts';
import { feedbackReceived, ticketCreated } from '../events.ts';
import { publishOne } from '../publish.ts';
import type { SupportSettings } from '../settings.ts';
import type { FeedbackTable, TicketsTable } from '../tables.ts';
import { tables } from '../tables.ts';
import type { Caller, SupportBus, TicketRequest, TicketStatus } from '../types.ts';
import { ownerFor, scopeOf } from './access.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { TicketRepository } from './repository.ts';

const DAY_MS = 86_400_000;

export interface TicketServiceDeps {
  store: Store;
  bus: SupportBus;
  clock: Clock;
  repo: TicketRepository;
  settings: SupportSettings;
}

/** Filing, reading, listing and giving feedback on tickets, with the access rules applied. */
export class TicketService {
  constructor(private readonly deps: TicketServiceDeps) {}

  /** Stores the ticket and publishes TicketCreated in one transaction (the rule starts the workflow). */
  async create(caller: Caller, body: TicketRequest): Promise<TicketsTable> {
    const { settings, clock } = this.deps;
    const customerId = ownerFor(caller, body.customer.id, settings.tickets.tenantKeys);
    const now = clock.now();
    const row: TicketsTable = {
      id: newId('tkt', now),
      tenant: caller.tenant,
      customer_id: customerId,
      key_id: caller.keyId,
      status: 'PROCESSING',
      priority: body.priority,
      lang: body.lang,
      product_type: body.asset.product_type,
      error_code: body.error_code ?? null,
      request: JSON.stringify(body),
      solution: null,
      failure_reason: null,
      attempts: 0,
      last_error: null,
      tracking_id: '',
      created_at: now,
      updated_at: now,
      estimated_completion_at: now + settings.tickets.estimatedCompletionSeconds * 1000,
      completed_at: null,
      expires_at: now + settings.tickets.ttlDays * DAY_MS,
    };
    await this.deps.store.transaction(async (tx) => {
      row.tracking_id = await publishOne(this.deps.bus, tx, ticketCreated(row, now));
      await this.deps.repo.insert(row, tx);
    });
    return row;
  }

  async get(caller: Caller, id: string): Promise<TicketsTable> {
    const row = await this.deps.repo.findVisible(id, scopeOf(caller, this.deps.settings.tickets.tenantKeys), this.deps.clock.now());
    if (!row) throw notFound(id);
    return row;
  }

  async list(caller: Caller, query: { status?: TicketStatus; limit: number; cursor?: string }): Promise<{ rows: TicketsTable[]; nextCursor: string | null }> {
    const scope = scopeOf(caller, this.deps.settings.tickets.tenantKeys);
    const rows = await this.deps.repo.list(scope, {
      now: this.deps.clock.now(),
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: decodeCursor(query.cursor) } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null };
  }

  /** Stores an operator's verdict and publishes TicketFeedbackReceived with it. */
  async feedback(caller: Caller, id: string, body: { rating: number; resolved: boolean; comment?: string }): Promise<FeedbackTable> {
    const ticket = await this.get(caller, id);
    if (ticket.status === 'PROCESSING') throw new ConflictError('TICKET_NOT_SOLVED', `ticket ${id} is still PROCESSING; leave feedback once it is READY or FAILED`);
    const now = this.deps.clock.now();
    const row: FeedbackTable = {
      id: newId('fb', now),
      ticket_id: id,
      tenant: ticket.tenant,
      key_id: caller.keyId,
      rating: body.rating,
      resolved: body.resolved ? 1 : 0,
      comment: body.comment ?? null,
      created_at: now,
    };
    await this.deps.store.transaction(async (tx) => {
      await tables(tx).insertInto('support_feedback').values(row).execute();
      await publishOne(this.deps.bus, tx, feedbackReceived(ticket, row));
    });
    return row;
  }
}

export const notFound = (id: string) => new NotFoundError('TICKET_NOT_FOUND', `no ticket ${id}`);
