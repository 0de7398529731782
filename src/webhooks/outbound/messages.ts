import type { Executor } from '../../store/index.ts';
import { w, type WebhookAttemptsTable, type WebhookMessagesTable } from '../tables.ts';

export type MessageRow = WebhookMessagesTable;

/** Inserts a message unless one with the same (derived) id exists; true when inserted. */
export async function insertMessage(db: Executor, row: MessageRow): Promise<boolean> {
  const inserted = await w(db).insertInto('webhook_messages').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  return inserted.length === 1;
}

export async function selectMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  return w(db).selectFrom('webhook_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMessage(db: Executor, id: string, patch: Partial<Pick<MessageRow, 'status' | 'attempts' | 'last_attempt_at'>>): Promise<void> {
  await w(db).updateTable('webhook_messages').set(patch).where('id', '=', id).execute();
}

export type AttemptRow = WebhookAttemptsTable;

export async function insertAttempt(db: Executor, row: AttemptRow): Promise<void> {
  await w(db).insertInto('webhook_attempts').values(row).execute();
}

/** Newest first, for one subscription or one message. */
export async function selectAttempts(db: Executor, filter: { subscriptionId?: string; messageId?: string; limit: number }): Promise<AttemptRow[]> {
  return w(db)
    .selectFrom('webhook_attempts')
    .selectAll()
    .$if(filter.subscriptionId !== undefined, (qb) => qb.where('subscription_id', '=', filter.subscriptionId!))
    .$if(filter.messageId !== undefined, (qb) => qb.where('message_id', '=', filter.messageId!))
    .orderBy('at', 'desc')
    .orderBy('attempt', 'desc')
    .limit(filter.limit)
    .execute();
}
