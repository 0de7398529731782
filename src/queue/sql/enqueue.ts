import type { Executor } from '../../store/index.ts';
import { q, type JobsTable } from './tables.ts';

/** Inserts jobs; rows whose dedupe key is already pending or running are skipped. Returns the inserted ids. */
export async function insertJobs(db: Executor, rows: JobsTable[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await q(db)
    .insertInto('jobs')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((r) => r.id));
}
