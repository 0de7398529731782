import type { Executor } from '../../store/index.ts';
import { t } from '../sql/tables.ts';

/**
 * Claims a tick for this replica: the insert succeeds for exactly one caller
 * cluster-wide (primary key (rule_key, tick_at)). Call inside the transaction
 * that publishes the tick's event, so a failed publish releases the claim.
 */
export async function claimTick(tx: Executor, row: { ruleKey: string; tickAt: number; eventId: string; skipped: number; now: number }): Promise<boolean> {
  const res = await t(tx)
    .insertInto('event_schedule_ticks')
    .values({ rule_key: row.ruleKey, tick_at: row.tickAt, event_id: row.eventId, skipped: row.skipped, fired_at: row.now })
    .onConflict((oc) => oc.columns(['rule_key', 'tick_at']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The latest fired tick of every rule key. */
export async function lastTicks(db: Executor): Promise<Map<string, number>> {
  const rows = await t(db)
    .selectFrom('event_schedule_ticks')
    .select(['rule_key', (eb) => eb.fn.max('tick_at').as('last')])
    .groupBy('rule_key')
    .execute();
  return new Map(rows.map((r) => [r.rule_key, Number(r.last)]));
}

/** Drops tick rows older than `before`, keeping each key's latest (the missed-tick policy needs it). */
export async function purgeTicks(db: Executor, before: number): Promise<number> {
  const res = await t(db)
    .deleteFrom('event_schedule_ticks as old')
    .where('old.tick_at', '<', before)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_schedule_ticks as newer')
          .select('newer.rule_key')
          .whereRef('newer.rule_key', '=', 'old.rule_key')
          .whereRef('newer.tick_at', '>', 'old.tick_at'),
      ),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
