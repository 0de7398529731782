import type { Executor } from '../../store/index.ts';
import { q } from './tables.ts';

/**
 * Moves a job to the dead-letter table (call inside a transaction). With a
 * lease, only the current holder may bury it.
 */
export async function buryJob(
  tx: Executor,
  args: { id: string; lease: string | null; reason: string; errors: string; now: number },
): Promise<boolean> {
  const row = await q(tx)
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', args.id)
    .$if(args.lease !== null, (qb) => qb.where('lease', '=', args.lease))
    .executeTakeFirst();
  if (!row) return false;
  // The final error rides along in meta too, so a DLQ entry reads as "rule, target, why".
  const last = (JSON.parse(args.errors) as Array<{ code?: string; message?: string }>).at(-1);
  const meta = { ...(JSON.parse(row.meta) as Record<string, unknown>), ...(last ? { errorCode: last.code, errorMessage: last.message } : {}) };
  await q(tx)
    .insertInto('dead_jobs')
    .values({
      id: row.id,
      type: row.type,
      payload: row.payload,
      attempts: row.attempts,
      errors: args.errors,
      meta: JSON.stringify(meta),
      reason: args.reason,
      created_at: row.created_at,
      dead_at: args.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await q(tx).deleteFrom('jobs').where('id', '=', row.id).execute();
  return true;
}
