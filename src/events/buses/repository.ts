import type { Executor } from '../../store/index.ts';
import { bumpGeneration } from '../rules/repository.ts';
import { t, type EventBusesTable } from '../sql/tables.ts';

export type BusRow = EventBusesTable;

/** False when the name is taken. Bumps the rule generation so every replica sees the bus. */
export async function insertBus(tx: Executor, name: string, description: string | undefined, now: number): Promise<boolean> {
  const res = await t(tx)
    .insertInto('event_buses')
    .values({ name, description: description ?? null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  const inserted = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  if (inserted) await bumpGeneration(tx);
  return inserted;
}

export async function deleteBusRow(tx: Executor, name: string): Promise<boolean> {
  const res = await t(tx).deleteFrom('event_buses').where('name', '=', name).executeTakeFirst();
  const deleted = Number(res.numDeletedRows) > 0;
  if (deleted) await bumpGeneration(tx);
  return deleted;
}

export async function selectBuses(db: Executor): Promise<BusRow[]> {
  return t(db).selectFrom('event_buses').selectAll().orderBy('name').execute();
}

export async function countRulesOn(db: Executor, bus: string): Promise<number> {
  const row = await t(db).selectFrom('event_rules').select((eb) => eb.fn.countAll<number>().as('n')).where('bus', '=', bus).executeTakeFirst();
  return Number(row?.n ?? 0);
}
