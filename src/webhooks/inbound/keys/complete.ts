import type { Executor } from '../../../store/index.ts';
import { w } from '../../tables.ts';

/**
 * Marks a claimed key completed with its answer, inside the accepting
 * transaction. False when the claim was lost (taken over after its lease), in
 * which case the caller must roll back.
 */
export async function completeKey(db: Executor, a: { source: string; key: string; token: string; result: string; expiresAt: number }): Promise<boolean> {
  const result = await w(db)
    .updateTable('webhook_keys')
    .set({ status: 'completed', result: a.result, expires_at: a.expiresAt })
    .where('source', '=', a.source)
    .where('key', '=', a.key)
    .where('token', '=', a.token)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
