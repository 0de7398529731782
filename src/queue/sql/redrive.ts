import type { Executor } from '../../store/index.ts';
import type { DlqFilter } from '../types.ts';
import { q } from './tables.ts';
import { selectDead } from './dlq.ts';

/**
 * Moves matching dead jobs back to the queue with a fresh attempt count and
 * age (call inside a transaction). Errors of earlier attempts are kept.
 */
export async function redriveJobs(tx: Executor, filter: DlqFilter, now: number, maxAgeFor: (type: string) => number, maxAttemptsFor: (type: string) => number): Promise<string[]> {
  const dead = await selectDead(tx, filter);
  if (dead.length === 0) return [];
  await q(tx)
    .insertInto('jobs')
    .values(
      dead.map((d) => ({
        id: d.id,
        type: d.type,
        payload: d.payload,
        run_at: now,
        attempts: 0,
        max_attempts: maxAttemptsFor(d.type),
        created_at: now,
        expires_at: now + maxAgeFor(d.type),
        lease: null,
        dedupe_key: null,
        errors: d.errors,
        meta: d.meta,
      })),
    )
    .execute();
  const ids = dead.map((d) => d.id);
  await q(tx).deleteFrom('dead_jobs').where('id', 'in', ids).execute();
  return ids;
}
