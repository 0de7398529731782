import type { Executor, StoreCapabilities } from '../../store/index.ts';
import { q, type JobsTable } from './tables.ts';

/**
 * Leases up to `limit` visible jobs of `type` in one statement: a job is
 * visible when its run_at has passed, whether it was never claimed or its
 * previous lease expired (a crashed worker). The lease hides it for
 * `visibilityMs`. PostgreSQL skips rows other replicas are claiming; SQLite's
 * single writer makes the UPDATE … RETURNING atomic on its own.
 */
export async function claimJobs(
  db: Executor,
  caps: StoreCapabilities,
  args: { type: string; limit: number; now: number; visibilityMs: number; lease: string },
): Promise<JobsTable[]> {
  const candidates = q(db)
    .selectFrom('jobs')
    .select('id')
    .where('type', '=', args.type)
    .where('run_at', '<=', args.now)
    .whereRef('attempts', '<', 'max_attempts')
    .orderBy('run_at')
    .limit(args.limit)
    .$if(caps.skipLocked, (qb) => qb.forUpdate().skipLocked());
  return q(db)
    .updateTable('jobs')
    .set((eb) => ({
      run_at: args.now + args.visibilityMs,
      lease: args.lease,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
}
