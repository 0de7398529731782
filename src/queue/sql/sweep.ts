import type { Executor } from '../../store/index.ts';
import { q } from './tables.ts';

/**
 * Jobs whose last allowed attempt was leased and never acked (the worker died)
 * can no longer be claimed; returns them so they can be dead-lettered.
 */
export async function findStrandedJobs(db: Executor, now: number, limit: number): Promise<Array<{ id: string; errors: string; attempts: number }>> {
  return q(db)
    .selectFrom('jobs')
    .select(['id', 'errors', 'attempts'])
    .where('run_at', '<=', now)
    .whereRef('attempts', '>=', 'max_attempts')
    .limit(limit)
    .execute();
}
