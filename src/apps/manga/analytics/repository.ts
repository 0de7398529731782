import type { Executor } from '../../../store/index.ts';
import { m, type InferenceDailyTable } from '../tables.ts';
import type { InferenceUsage } from './usage.ts';

/**
 * Counts one inference once: the event id is remembered in the same
 * transaction as the increment, so a redelivered event adds nothing.
 */
export async function recordInference(tx: Executor, eventId: string, day: string, u: InferenceUsage): Promise<boolean> {
  const seen = await m(tx).insertInto('manga_inference_seen').values({ event_id: eventId, day }).onConflict((oc) => oc.column('event_id').doNothing()).executeTakeFirst();
  if (Number(seen.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
  const add = { requests: 1, cached: u.cached ? 1 : 0, input_tokens: u.inputTokens, output_tokens: u.outputTokens, cost_usd: u.costUsd ?? 0, unpriced: u.costUsd === null ? 1 : 0 };
  await m(tx)
    .insertInto('manga_inference_daily')
    .values({ day, model: u.model, ...add })
    .onConflict((oc) =>
      oc.columns(['day', 'model']).doUpdateSet((eb) => ({
        requests: eb('manga_inference_daily.requests', '+', add.requests),
        cached: eb('manga_inference_daily.cached', '+', add.cached),
        input_tokens: eb('manga_inference_daily.input_tokens', '+', add.input_tokens),
        output_tokens: eb('manga_inference_daily.output_tokens', '+', add.output_tokens),
        cost_usd: eb('manga_inference_daily.cost_usd', '+', add.cost_usd),
        unpriced: eb('manga_inference_daily.unpriced', '+', add.unpriced),
      })),
    )
    .execute();
  return true;
}

/** One model's day (the stored row as it is). */
export type DailyModelUsage = InferenceDailyTable;

export async function dailyUsage(db: Executor, fromDay: string): Promise<DailyModelUsage[]> {
  const rows = await m(db).selectFrom('manga_inference_daily').selectAll().where('day', '>=', fromDay).orderBy('day', 'desc').orderBy('model').execute();
  return rows.map((r) => ({ ...r, cost_usd: Math.round(r.cost_usd * 1e6) / 1e6 }));
}
