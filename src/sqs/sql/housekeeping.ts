import type { Executor } from '../../store/index.ts';
import { s } from './tables.ts';

/** Messages sent before now go (PurgeQueue); records the purge for the 60-second guard. */
export async function purgeMessages(tx: Executor, queueId: string, now: number): Promise<number> {
  const res = await s(tx).deleteFrom('sqs_messages').where('queue_id', '=', queueId).where('sent_at', '<=', now).executeTakeFirst();
  await s(tx).updateTable('sqs_queues').set({ purged_at: now }).where('id', '=', queueId).execute();
  return Number(res.numDeletedRows);
}

export async function lastPurge(db: Executor, queueId: string): Promise<number | undefined> {
  const row = await s(db).selectFrom('sqs_queues').select('purged_at').where('id', '=', queueId).executeTakeFirst();
  return row?.purged_at === null || row?.purged_at === undefined ? undefined : Number(row.purged_at);
}

/** Messages past their queue's retention, and FIFO bookkeeping past its 5 minutes. */
export async function deleteExpired(db: Executor, now: number): Promise<{ messages: number }> {
  const res = await s(db).deleteFrom('sqs_messages').where('expires_at', '<=', now).executeTakeFirst();
  await s(db).deleteFrom('sqs_dedup').where('expires_at', '<=', now).execute();
  await s(db).deleteFrom('sqs_receive_attempts').where('expires_at', '<=', now).execute();
  return { messages: Number(res.numDeletedRows) };
}

/** ApproximateNumberOfMessages, …NotVisible (in flight) and …Delayed (not yet received, not yet visible). */
export async function countMessages(db: Executor, queueId: string, now: number): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const rows = await s(db)
    .selectFrom('sqs_messages')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('visible_at', '<=', now).then(1).else(0).end()).as('visible'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('visible_at', '>', now), eb('receive_count', '>', 0)])).then(1).else(0).end()).as('in_flight'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('visible_at', '>', now), eb('receive_count', '=', 0)])).then(1).else(0).end()).as('delayed'),
    ])
    .where('queue_id', '=', queueId)
    .where('expires_at', '>', now)
    .execute();
  const r = rows[0];
  return { visible: Number(r?.visible ?? 0), inFlight: Number(r?.in_flight ?? 0), delayed: Number(r?.delayed ?? 0) };
}
