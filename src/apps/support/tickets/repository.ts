import type { Executor } from '../../../store/index.ts';
import { tables, type GenerationsTable, type TicketsTable } from '../tables.ts';
import type { Solution, TicketStatus } from '../types.ts';
import type { Scope } from './access.ts';
import type { Cursor } from './cursor.ts';

/** Ticket and generation rows. Every caller-facing read goes through a Scope. */
export class TicketRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: TicketsTable, tx: Executor = this.db): Promise<void> {
    await tables(tx).insertInto('support_tickets').values(row).execute();
  }

  /** Internal read (the workflow); callers use `findVisible`. */
  async get(id: string, tx: Executor = this.db): Promise<TicketsTable | undefined> {
    return tables(tx).selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The ticket if it exists, has not expired, and the scope may see it. */
  async findVisible(id: string, scope: Scope, now: number): Promise<TicketsTable | undefined> {
    return tables(this.db)
      .selectFrom('support_tickets')
      .selectAll()
      .where('id', '=', id)
      .where('tenant', '=', scope.tenant)
      .$if(scope.customerId !== undefined, (q) => q.where('customer_id', '=', scope.customerId!))
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Newest first, `limit + 1` rows so the caller knows whether there is a next page. */
  async list(scope: Scope, args: { now: number; limit: number; status?: TicketStatus; cursor?: Cursor }): Promise<TicketsTable[]> {
    const { cursor } = args;
    return tables(this.db)
      .selectFrom('support_tickets')
      .selectAll()
      .where('tenant', '=', scope.tenant)
      .$if(scope.customerId !== undefined, (q) => q.where('customer_id', '=', scope.customerId!))
      .$if(args.status !== undefined, (q) => q.where('status', '=', args.status!))
      .$if(cursor !== undefined, (q) =>
        q.where((eb) => eb.or([eb('created_at', '<', cursor!.createdAt), eb.and([eb('created_at', '=', cursor!.createdAt), eb('id', '<', cursor!.id)])])),
      )
      .where('expires_at', '>', args.now)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(args.limit + 1)
      .execute();
  }

  /** A failed attempt that will be retried: counted, and its error kept for the stream's 409. */
  async recordAttempt(id: string, attempts: number, lastError: string | null, now: number): Promise<void> {
    await tables(this.db).updateTable('support_tickets').set({ attempts, last_error: lastError, updated_at: now }).where('id', '=', id).where('status', '=', 'PROCESSING').execute();
  }

  /** PROCESSING → READY; false when another run got there first. */
  async markReady(tx: Executor, id: string, solution: Solution, attempts: number, now: number): Promise<boolean> {
    const res = await tables(tx)
      .updateTable('support_tickets')
      .set({ status: 'READY', solution: JSON.stringify(solution), attempts, last_error: null, updated_at: now, completed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'PROCESSING')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** PROCESSING → FAILED; false when it had already left PROCESSING. */
  async markFailed(tx: Executor, id: string, reason: string, lastError: string | null, attempts: number, now: number): Promise<boolean> {
    const res = await tables(tx)
      .updateTable('support_tickets')
      .set({ status: 'FAILED', failure_reason: reason, last_error: lastError, attempts, updated_at: now, completed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'PROCESSING')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Tickets still PROCESSING that were created before `before` (their workflow is gone). */
  async staleProcessing(before: number, limit: number): Promise<TicketsTable[]> {
    return tables(this.db).selectFrom('support_tickets').selectAll().where('status', '=', 'PROCESSING').where('created_at', '<', before).limit(limit).execute();
  }

  /** Deletes expired tickets with their generations and feedback; returns how many tickets. */
  async purgeExpired(tx: Executor, now: number, limit: number): Promise<number> {
    const t = tables(tx);
    const ids = (await t.selectFrom('support_tickets').select('id').where('expires_at', '<=', now).limit(limit).execute()).map((r) => r.id);
    if (ids.length === 0) return 0;
    await t.deleteFrom('support_generations').where('ticket_id', 'in', ids).execute();
    await t.deleteFrom('support_feedback').where('ticket_id', 'in', ids).execute();
    await t.deleteFrom('support_tickets').where('id', 'in', ids).execute();
    return ids.length;
  }

  async getGeneration(ticketId: string): Promise<GenerationsTable | undefined> {
    return tables(this.db).selectFrom('support_generations').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
  }

  /** Keeps the first generation stored for a ticket; returns the one that is stored. */
  async saveGeneration(row: GenerationsTable): Promise<GenerationsTable> {
    await tables(this.db)
      .insertInto('support_generations')
      .values(row)
      .onConflict((oc) => oc.column('ticket_id').doNothing())
      .execute();
    return (await this.getGeneration(row.ticket_id))!;
  }
}
