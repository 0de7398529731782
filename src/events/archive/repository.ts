import { ValidationError } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { bumpGeneration } from '../rules/repository.ts';
import { t, type EventArchivesTable } from '../sql/tables.ts';
import type { EventEnvelope } from '../types.ts';
import type { Archive } from './validate.ts';

export type ArchiveOrigin = 'config' | 'api';

export interface ArchiveRow {
  archive: Archive;
  origin: ArchiveOrigin;
  createdAt: number;
}

function toArchiveRow(row: EventArchivesTable): ArchiveRow {
  const archive: Archive = { name: row.name, bus: row.bus, retentionDays: row.retention_days };
  if (row.pattern !== null) archive.pattern = JSON.parse(row.pattern) as Record<string, unknown>;
  if (row.description !== null) archive.description = row.description;
  return { archive, origin: row.origin as ArchiveOrigin, createdAt: row.created_at };
}

/** Inserts a new archive; false when the name is taken. */
export async function insertArchive(tx: Executor, a: Archive, origin: ArchiveOrigin, now: number): Promise<boolean> {
  const res = await t(tx)
    .insertInto('event_archives')
    .values({ name: a.name, bus: a.bus, pattern: a.pattern ? JSON.stringify(a.pattern) : null, retention_days: a.retentionDays, description: a.description ?? null, origin, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  const inserted = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  if (inserted) await bumpGeneration(tx);
  return inserted;
}

/** Config sync: the archive as hashi.yaml says (its source bus never changes, as in EventBridge). */
export async function replaceConfigArchive(tx: Executor, a: Archive, now: number): Promise<void> {
  const existing = await t(tx).selectFrom('event_archives').selectAll().where('name', '=', a.name).executeTakeFirst();
  const values = { pattern: a.pattern ? JSON.stringify(a.pattern) : null, retention_days: a.retentionDays, description: a.description ?? null, origin: 'config' };
  if (!existing) {
    await insertArchive(tx, a, 'config', now);
    return;
  }
  if (existing.bus !== a.bus) {
    throw new ValidationError('EVENT_ARCHIVE_INVALID', `archive ${a.name} archives bus ${existing.bus}; its source bus cannot change (delete it and create a new one)`);
  }
  if (existing.pattern === values.pattern && existing.retention_days === values.retention_days && existing.description === values.description && existing.origin === 'config') return;
  await t(tx).updateTable('event_archives').set(values).where('name', '=', a.name).execute();
  await bumpGeneration(tx);
}

/** UpdateArchive: pattern, retention and description of an existing archive. */
export async function updateArchiveRow(tx: Executor, a: Archive): Promise<void> {
  await t(tx)
    .updateTable('event_archives')
    .set({ pattern: a.pattern ? JSON.stringify(a.pattern) : null, retention_days: a.retentionDays, description: a.description ?? null })
    .where('name', '=', a.name)
    .execute();
  await bumpGeneration(tx);
}

/** Deletes an archive and every event in it. */
export async function deleteArchiveRow(tx: Executor, name: string): Promise<boolean> {
  await t(tx).deleteFrom('event_archive_entries').where('archive', '=', name).execute();
  const res = await t(tx).deleteFrom('event_archives').where('name', '=', name).executeTakeFirst();
  const deleted = Number(res.numDeletedRows) > 0;
  if (deleted) await bumpGeneration(tx);
  return deleted;
}

export async function selectArchives(db: Executor, filter: { origin?: ArchiveOrigin; name?: string } = {}): Promise<ArchiveRow[]> {
  const rows = await t(db)
    .selectFrom('event_archives')
    .selectAll()
    .$if(filter.origin !== undefined, (qb) => qb.where('origin', '=', filter.origin!))
    .$if(filter.name !== undefined, (qb) => qb.where('name', '=', filter.name!))
    .orderBy('name')
    .execute();
  return rows.map(toArchiveRow);
}

export async function countArchived(db: Executor, name: string): Promise<number> {
  const row = await t(db).selectFrom('event_archive_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('archive', '=', name).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertArchiveEntries(tx: Executor, rows: Array<{ archive: string; event: EventEnvelope; eventTime: number; now: number }>): Promise<void> {
  if (rows.length === 0) return;
  await t(tx)
    .insertInto('event_archive_entries')
    .values(rows.map((r) => ({ archive: r.archive, event_id: r.event.id, event_time: r.eventTime, archived_at: r.now, envelope: JSON.stringify(r.event) })))
    .onConflict((oc) => oc.columns(['archive', 'event_id']).doNothing())
    .execute();
}

/** One page of an archive in (event_time, event_id) order, after the cursor. */
export async function selectArchivePage(
  db: Executor,
  args: { archive: string; from: number; to: number; after?: { time: number; id: string }; limit: number },
): Promise<Array<{ eventTime: number; event: EventEnvelope }>> {
  const rows = await t(db)
    .selectFrom('event_archive_entries')
    .select(['event_time', 'event_id', 'envelope'])
    .where('archive', '=', args.archive)
    .where('event_time', '>=', args.from)
    .where('event_time', '<', args.to)
    .$if(args.after !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('event_time', '>', args.after!.time), eb.and([eb('event_time', '=', args.after!.time), eb('event_id', '>', args.after!.id)])])),
    )
    .orderBy('event_time')
    .orderBy('event_id')
    .limit(args.limit)
    .execute();
  return rows.map((r) => ({ eventTime: r.event_time, event: JSON.parse(r.envelope) as EventEnvelope }));
}
