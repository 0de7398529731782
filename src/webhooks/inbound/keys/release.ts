import type { Executor } from '../../../store/index.ts';
import { w } from '../../tables.ts';

/** Gives a claimed key back (the accept failed), so the sender's retry can claim it. Only the holder can. */
export async function releaseKey(db: Executor, a: { source: string; key: string; token: string }): Promise<boolean> {
  const result = await w(db)
    .deleteFrom('webhook_keys')
    .where('source', '=', a.source)
    .where('key', '=', a.key)
    .where('token', '=', a.token)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
