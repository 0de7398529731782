import { newId, RetryableError, describeError, type Clock } from '../../../kernel/index.ts';
import type { Logger } from '../../../observability/index.ts';
import type { Job, Queue } from '../../../queue/index.ts';
import type { Executor, Store } from '../../../store/index.ts';
import { m } from '../tables.ts';
import type { MailTransport } from './nodemailer.ts';

export const MAIL_JOB = 'manga.mail.send';

export interface OutgoingMail {
  /** One message per key (e.g. `order:<id>`): a second call with the same key does nothing. */
  key: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * Writes the message to the outbox and enqueues its delivery in the caller's
 * transaction: the message exists if and only if what caused it committed.
 */
export async function queueMail(tx: Executor, queue: Queue, mail: OutgoingMail, now: number): Promise<string | undefined> {
  const id = newId('mail', now);
  const r = await m(tx)
    .insertInto('manga_mail_outbox')
    .values({ id, subject_key: mail.key, to_address: mail.to, subject: mail.subject, body: mail.body, status: 'pending', attempts: 0, delivered_to: null, created_at: now, sent_at: null })
    .onConflict((oc) => oc.column('subject_key').doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0n) === 0) return undefined;
  await queue.enqueue({ type: MAIL_JOB, payload: { id }, dedupeKey: `mail:${id}` }, tx);
  return id;
}

/** The outbox worker: sends one message (SMTP or .eml) and marks it sent; a sent message is never sent again. */
export function mailJob(deps: { store: Store; clock: Clock; logger: Logger; transport: MailTransport; from: string }) {
  return async (job: Job<{ id: string }>): Promise<void> => {
    const row = await m(deps.store.db).selectFrom('manga_mail_outbox').selectAll().where('id', '=', job.payload.id).executeTakeFirst();
    if (!row || row.status === 'sent') return;
    let deliveredTo: string;
    try {
      deliveredTo = await deps.transport.send({ id: row.id, from: deps.from, to: row.to_address, subject: row.subject, text: row.body, date: new Date(row.created_at) });
    } catch (err) {
      await m(deps.store.db).updateTable('manga_mail_outbox').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
      throw new RetryableError(`mail ${row.id} could not be sent: ${describeError(err).message}`, { code: 'MANGA_MAIL_FAILED', cause: err });
    }
    await m(deps.store.db)
      .updateTable('manga_mail_outbox')
      .set({ status: 'sent', attempts: row.attempts + 1, delivered_to: deliveredTo, sent_at: deps.clock.now() })
      .where('id', '=', row.id)
      .execute();
    deps.logger.info({ mail: row.id, to: deliveredTo }, 'mail sent');
  };
}

export interface OutboxView {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  delivered_to: string | null;
  created_at: string;
  sent_at: string | null;
}

export async function listOutbox(db: Executor, limit: number): Promise<OutboxView[]> {
  const rows = await m(db).selectFrom('manga_mail_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    delivered_to: r.delivered_to,
    created_at: new Date(r.created_at).toISOString(),
    sent_at: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
  }));
}
