import type { Executor } from '../../store/index.ts';
import { s } from './tables.ts';

export async function findAttempt(tx: Executor, queueId: string, attemptId: string, now: number): Promise<{ token: string; ids: string[] } | undefined> {
  const row = await s(tx).selectFrom('sqs_receive_attempts').selectAll().where('queue_id', '=', queueId).where('attempt_id', '=', attemptId).executeTakeFirst();
  return row && Number(row.expires_at) > now ? { token: row.token, ids: JSON.parse(row.message_ids) as string[] } : undefined;
}

export async function rememberAttempt(tx: Executor, row: { queue_id: string; attempt_id: string; token: string; message_ids: string; expires_at: number }): Promise<void> {
  await s(tx)
    .insertInto('sqs_receive_attempts')
    .values(row)
    .onConflict((oc) => oc.columns(['queue_id', 'attempt_id']).doUpdateSet({ token: row.token, message_ids: row.message_ids, expires_at: row.expires_at }))
    .execute();
}
