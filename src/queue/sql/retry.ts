import type { Executor } from '../../store/index.ts';
import { q } from './tables.ts';

/** Releases a failed job for another attempt at `runAt`, recording its errors. */
export async function scheduleRetry(db: Executor, args: { id: string; lease: string; runAt: number; errors: string }): Promise<boolean> {
  const res = await q(db)
    .updateTable('jobs')
    .set({ run_at: args.runAt, lease: null, errors: args.errors })
    .where('id', '=', args.id)
    .where('lease', '=', args.lease)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
