import type { Executor } from '../../../store/index.ts';
import { w } from '../../tables.ts';

/** Deletes keys past their TTL (never a claim still inside its lease). Returns how many. */
export async function purgeKeys(db: Executor, now: number): Promise<number> {
  const result = await w(db).deleteFrom('webhook_keys').where('expires_at', '<=', now).where('lease_until', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
