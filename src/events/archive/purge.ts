import type { Executor } from '../../store/index.ts';
import { purgeTicks } from '../scheduler/ticks.ts';
import { t } from '../sql/tables.ts';
import { selectArchives } from './repository.ts';

/** The queue job that purges expired archive entries, logged events and old schedule ticks. */
export const PURGE_JOB = 'events.purge';

const DAY = 86_400_000;
/** Fired-tick rows are kept this long (each rule's latest is always kept). */
const TICK_RETENTION_MS = 7 * DAY;

export interface PurgeResult {
  archived: number;
  logged: number;
  ticks: number;
}

/** Deletes what retention says is expired: per archive, the event log, and schedule ticks. */
export async function purgeExpired(db: Executor, now: number, logRetentionDays: number): Promise<PurgeResult> {
  let archived = 0;
  for (const { archive } of await selectArchives(db)) {
    if (archive.retentionDays <= 0) continue;
    const res = await t(db)
      .deleteFrom('event_archive_entries')
      .where('archive', '=', archive.name)
      .where('archived_at', '<', now - archive.retentionDays * DAY)
      .executeTakeFirst();
    archived += Number(res.numDeletedRows);
  }
  let logged = 0;
  if (logRetentionDays > 0) {
    const res = await t(db).deleteFrom('event_log').where('ingested_at', '<', now - logRetentionDays * DAY).executeTakeFirst();
    logged = Number(res.numDeletedRows);
  }
  const ticks = await purgeTicks(db, now - TICK_RETENTION_MS);
  return { archived, logged, ticks };
}
