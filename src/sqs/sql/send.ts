import { sql, type Executor } from '../../store/index.ts';
import { s, type SqsMessagesTable } from './tables.ts';

/** Inserts messages (one statement). */
export async function insertMessages(db: Executor, rows: SqsMessagesTable[]): Promise<void> {
  if (rows.length > 0) await s(db).insertInto('sqs_messages').values(rows).execute();
}

/**
 * Reserves `count` FIFO sequence numbers: the UPDATE locks the queue row until
 * the caller's transaction ends, so concurrent sends to one FIFO queue take
 * their numbers — and check deduplication — one after the other. Returns the first.
 */
export async function reserveSequence(tx: Executor, queueId: string, count: number): Promise<number> {
  const row = await s(tx)
    .updateTable('sqs_queues')
    .set({ seq: sql<number>`seq + ${count}` })
    .where('id', '=', queueId)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq) - count + 1;
}

/** The message a FIFO deduplication id still points at (within its 5 minutes), if any. */
export async function findDuplicate(tx: Executor, queueId: string, dedupId: string, now: number): Promise<{ messageId: string; seq: string } | undefined> {
  const row = await s(tx).selectFrom('sqs_dedup').select(['message_id', 'seq', 'expires_at']).where('queue_id', '=', queueId).where('dedup_id', '=', dedupId).executeTakeFirst();
  return row && Number(row.expires_at) > now ? { messageId: row.message_id, seq: row.seq } : undefined;
}

export async function rememberDedup(tx: Executor, row: { queue_id: string; dedup_id: string; message_id: string; seq: string; expires_at: number }): Promise<void> {
  await s(tx)
    .insertInto('sqs_dedup')
    .values(row)
    .onConflict((oc) => oc.columns(['queue_id', 'dedup_id']).doUpdateSet({ message_id: row.message_id, seq: row.seq, expires_at: row.expires_at }))
    .execute();
}
