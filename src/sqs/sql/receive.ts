import type { Executor, StoreCapabilities } from '../../store/index.ts';
import { s, type SqsMessagesTable } from './tables.ts';

/**
 * Redrive: visible messages already received `maxReceiveCount` times move to
 * the dead-letter queue instead of being received again, keeping their id,
 * body and attributes; their receive count starts again there.
 */
export async function moveToDeadLetter(tx: Executor, args: { queueId: string; dlqId: string; maxReceiveCount: number; now: number; sourceArn: string }): Promise<number> {
  const res = await s(tx)
    .updateTable('sqs_messages')
    .set({ queue_id: args.dlqId, receive_count: 0, first_received_at: null, receipt: null, visible_at: args.now, dlq_source: args.sourceArn })
    .where('queue_id', '=', args.queueId)
    .where('visible_at', '<=', args.now)
    .where('receive_count', '>=', args.maxReceiveCount)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Leases up to `limit` visible, unexpired messages in one UPDATE … RETURNING:
 * hidden until `visibleUntil`, receive count + 1, the receive's token as
 * receipt. FIFO: a message is eligible only if no message of its group is in
 * flight and none before it in the group is still delayed, so a group is
 * handed out in order, to one consumer at a time (the caller holds the
 * queue's lock). PostgreSQL skips rows other replicas are claiming.
 */
export async function claimMessages(
  tx: Executor,
  caps: StoreCapabilities,
  args: { queueId: string; fifo: boolean; limit: number; now: number; visibleUntil: number; token: string; maxReceiveCount?: number },
): Promise<SqsMessagesTable[]> {
  const candidates = s(tx)
    .selectFrom('sqs_messages as m')
    .select('m.id')
    .where('m.queue_id', '=', args.queueId)
    .where('m.visible_at', '<=', args.now)
    .where('m.expires_at', '>', args.now)
    // Past maxReceiveCount: left for the move to the dead-letter queue, never received again here.
    .$if(args.maxReceiveCount !== undefined, (qb) => qb.where('m.receive_count', '<', args.maxReceiveCount!))
    .$if(args.fifo, (qb) =>
      qb.where(({ not, exists, selectFrom, eb: _eb }) =>
        not(
          exists(
            selectFrom('sqs_messages as o')
              .select('o.id')
              .whereRef('o.queue_id', '=', 'm.queue_id')
              .whereRef('o.group_id', '=', 'm.group_id')
              .where('o.visible_at', '>', args.now)
              .where((e) => e.or([e('o.receive_count', '>', 0), e('o.seq', '<', e.ref('m.seq'))])),
          ),
        ),
      ),
    )
    .orderBy('m.seq')
    .limit(args.limit)
    .$if(caps.skipLocked && !args.fifo, (qb) => qb.forUpdate().skipLocked());
  const rows = await s(tx)
    .updateTable('sqs_messages')
    .set((eb) => ({
      visible_at: args.visibleUntil,
      receive_count: eb('receive_count', '+', 1),
      first_received_at: eb.fn.coalesce('first_received_at', eb.val(args.now)),
      receipt: args.token,
    }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
  return rows.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
}

/** Serialises receives of one FIFO queue (a row lock on PostgreSQL; SQLite's writer lock already does). */
export async function lockQueue(tx: Executor, caps: StoreCapabilities, queueId: string): Promise<void> {
  if (!caps.skipLocked) return;
  await s(tx).selectFrom('sqs_queues').select('id').where('id', '=', queueId).forUpdate().execute();
}

/** Messages of an earlier receive attempt that still carry its token (FIFO ReceiveRequestAttemptId). */
export async function selectByReceipt(tx: Executor, queueId: string, ids: string[], token: string): Promise<SqsMessagesTable[]> {
  if (ids.length === 0) return [];
  return s(tx).selectFrom('sqs_messages').selectAll().where('queue_id', '=', queueId).where('id', 'in', ids).where('receipt', '=', token).orderBy('seq').execute();
}

export async function extendVisibility(tx: Executor, queueId: string, ids: string[], visibleUntil: number): Promise<void> {
  if (ids.length > 0) await s(tx).updateTable('sqs_messages').set({ visible_at: visibleUntil }).where('queue_id', '=', queueId).where('id', 'in', ids).execute();
}
