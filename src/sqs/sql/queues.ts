import type { Executor } from '../../store/index.ts';
import type { QueueRecord } from '../types.ts';
import { num, s, type SqsQueuesTable } from './tables.ts';

export function toQueue(row: SqsQueuesTable): QueueRecord {
  return {
    id: row.id,
    account: row.account,
    name: row.name,
    fifo: row.fifo === 1,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

/** False when (account, name) is taken. */
export async function insertQueue(db: Executor, q: QueueRecord): Promise<boolean> {
  const res = await s(db)
    .insertInto('sqs_queues')
    .values({
      id: q.id,
      account: q.account,
      name: q.name,
      fifo: q.fifo ? 1 : 0,
      attributes: JSON.stringify(q.attributes),
      tags: JSON.stringify(q.tags),
      created_at: q.createdAt,
      updated_at: q.updatedAt,
      purged_at: null,
      seq: 0,
    })
    .onConflict((oc) => oc.columns(['account', 'name']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function selectQueue(db: Executor, account: string, name: string): Promise<QueueRecord | undefined> {
  const row = await s(db).selectFrom('sqs_queues').selectAll().where('account', '=', account).where('name', '=', name).executeTakeFirst();
  return row ? toQueue(row) : undefined;
}

export async function selectQueues(db: Executor, account: string, prefix: string, after: string, limit: number): Promise<QueueRecord[]> {
  const rows = await s(db)
    .selectFrom('sqs_queues')
    .selectAll()
    .where('account', '=', account)
    .$if(prefix !== '', (qb) => qb.where('name', '>=', prefix).where('name', '<', `${prefix}\uffff`))
    .$if(after !== '', (qb) => qb.where('name', '>', after))
    .orderBy('name')
    .limit(limit)
    .execute();
  return rows.map(toQueue);
}

/** Queues whose RedrivePolicy names `dlqArn` (ListDeadLetterSourceQueues). */
export async function selectAccountQueues(db: Executor, account: string): Promise<QueueRecord[]> {
  return (await s(db).selectFrom('sqs_queues').selectAll().where('account', '=', account).orderBy('name').execute()).map(toQueue);
}

export async function updateQueue(db: Executor, id: string, values: { attributes?: Record<string, string>; tags?: Record<string, string>; now: number }): Promise<void> {
  await s(db)
    .updateTable('sqs_queues')
    .set({
      updated_at: values.now,
      ...(values.attributes ? { attributes: JSON.stringify(values.attributes) } : {}),
      ...(values.tags ? { tags: JSON.stringify(values.tags) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes the queue with its messages and FIFO bookkeeping. */
export async function deleteQueueRows(tx: Executor, id: string): Promise<void> {
  await s(tx).deleteFrom('sqs_messages').where('queue_id', '=', id).execute();
  await s(tx).deleteFrom('sqs_dedup').where('queue_id', '=', id).execute();
  await s(tx).deleteFrom('sqs_receive_attempts').where('queue_id', '=', id).execute();
  await s(tx).deleteFrom('sqs_queues').where('id', '=', id).execute();
}
