import type { Executor } from '../../store/index.ts';
import { isoSeconds } from '../bus/envelope.ts';
import { t, type EventReplaysTable } from '../sql/tables.ts';
import type { ReplayState, ReplayStatus } from '../types.ts';

export interface ReplayRow {
  name: string;
  archive: string;
  bus: string;
  startTime: number;
  endTime: number;
  rules?: string[];
  description?: string;
  state: ReplayState;
  stateReason?: string;
  replayed: number;
  cursor?: { time: number; id: string };
  createdAt: number;
  endedAt?: number;
}

function toRow(r: EventReplaysTable): ReplayRow {
  const row: ReplayRow = {
    name: r.name,
    archive: r.archive,
    bus: r.bus,
    startTime: r.start_time,
    endTime: r.end_time,
    state: r.state as ReplayState,
    replayed: r.replayed,
    createdAt: r.created_at,
  };
  if (r.rules !== null) row.rules = JSON.parse(r.rules) as string[];
  if (r.description !== null) row.description = r.description;
  if (r.state_reason !== null) row.stateReason = r.state_reason;
  if (r.cursor_time !== null && r.cursor_id !== null) row.cursor = { time: r.cursor_time, id: r.cursor_id };
  if (r.ended_at !== null) row.endedAt = r.ended_at;
  return row;
}

export function toStatus(r: ReplayRow): ReplayStatus {
  const s: ReplayStatus = {
    ReplayName: r.name,
    ArchiveName: r.archive,
    EventBusName: r.bus,
    EventStartTime: isoSeconds(r.startTime),
    EventEndTime: isoSeconds(r.endTime),
    State: r.state,
    EventsReplayed: r.replayed,
    ReplayStartTime: new Date(r.createdAt).toISOString(),
  };
  if (r.rules) s.Rules = r.rules;
  if (r.stateReason) s.StateReason = r.stateReason;
  if (r.cursor) s.EventLastReplayedTime = isoSeconds(r.cursor.time);
  if (r.endedAt !== undefined) s.ReplayEndTime = new Date(r.endedAt).toISOString();
  return s;
}

/** False when the name is taken. */
export async function insertReplay(tx: Executor, r: Omit<ReplayRow, 'state' | 'replayed'>): Promise<boolean> {
  const res = await t(tx)
    .insertInto('event_replays')
    .values({
      name: r.name,
      archive: r.archive,
      bus: r.bus,
      start_time: r.startTime,
      end_time: r.endTime,
      rules: r.rules ? JSON.stringify(r.rules) : null,
      description: r.description ?? null,
      state: 'STARTING',
      state_reason: null,
      replayed: 0,
      cursor_time: null,
      cursor_id: null,
      created_at: r.createdAt,
      ended_at: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function selectReplay(db: Executor, name: string): Promise<ReplayRow | undefined> {
  const row = await t(db).selectFrom('event_replays').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function selectReplays(db: Executor): Promise<ReplayRow[]> {
  return (await t(db).selectFrom('event_replays').selectAll().orderBy('created_at', 'desc').orderBy('name').execute()).map(toRow);
}

/** Records progress after a page (in the page's transaction, so progress and deliveries commit together). */
export async function advanceReplay(tx: Executor, name: string, cursor: { time: number; id: string }, added: number): Promise<void> {
  await t(tx)
    .updateTable('event_replays')
    .set((eb) => ({ state: eb.case().when('state', '=', 'CANCELLING').then('CANCELLING').else('RUNNING').end(), cursor_time: cursor.time, cursor_id: cursor.id, replayed: eb('replayed', '+', added) }))
    .where('name', '=', name)
    .execute();
}

/** Ends a replay; a replay being cancelled ends CANCELLED whatever the runner reached. */
export async function finishReplay(db: Executor, name: string, state: ReplayState, now: number, reason?: string): Promise<void> {
  await t(db)
    .updateTable('event_replays')
    .set((eb) => ({ state: eb.case().when('state', '=', 'CANCELLING').then('CANCELLED').else(state).end(), ended_at: now, state_reason: reason ?? null }))
    .where('name', '=', name)
    .where('state', 'not in', ['CANCELLED', 'COMPLETED', 'FAILED'])
    .execute();
}

/** CancelReplay: a replay not yet ended stops at its next page. False when it had already ended. */
export async function cancelReplayRow(db: Executor, name: string): Promise<boolean> {
  const res = await t(db).updateTable('event_replays').set({ state: 'CANCELLING' }).where('name', '=', name).where('state', 'in', ['STARTING', 'RUNNING']).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function selectReplayState(db: Executor, name: string): Promise<ReplayState | undefined> {
  const row = await t(db).selectFrom('event_replays').select('state').where('name', '=', name).executeTakeFirst();
  return row?.state as ReplayState | undefined;
}
