import type { Executor } from '../../store/index.ts';
import { s } from './tables.ts';

/** DeleteMessage: only the holder of the latest receipt deletes; FIFO also requires it to be unexpired. */
export async function deleteReceived(db: Executor, args: { queueId: string; id: string; token: string; fifo: boolean; now: number }): Promise<boolean> {
  const res = await s(db)
    .deleteFrom('sqs_messages')
    .where('id', '=', args.id)
    .where('queue_id', '=', args.queueId)
    .where('receipt', '=', args.token)
    .$if(args.fifo, (qb) => qb.where('visible_at', '>', args.now))
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The message's receipt token and whether it is in flight, to explain a refused change. */
export async function receiptState(db: Executor, queueId: string, id: string): Promise<{ token: string | null; visibleAt: number } | undefined> {
  const row = await s(db).selectFrom('sqs_messages').select(['receipt', 'visible_at']).where('id', '=', id).where('queue_id', '=', queueId).executeTakeFirst();
  return row ? { token: row.receipt, visibleAt: Number(row.visible_at) } : undefined;
}

/** ChangeMessageVisibility: a new timeout from now, for the holder of the latest receipt while in flight. */
export async function changeVisibility(db: Executor, args: { queueId: string; id: string; token: string; now: number; visibleUntil: number }): Promise<boolean> {
  const res = await s(db)
    .updateTable('sqs_messages')
    .set({ visible_at: args.visibleUntil })
    .where('id', '=', args.id)
    .where('queue_id', '=', args.queueId)
    .where('receipt', '=', args.token)
    .where('visible_at', '>', args.now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
