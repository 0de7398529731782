import type { Executor } from '../../store/index.ts';
import { w, type WebhookSubscriptionsTable } from '../tables.ts';

export type SubscriptionRow = WebhookSubscriptionsTable;

export async function selectSubscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  return w(db).selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectSubscriptions(db: Executor): Promise<SubscriptionRow[]> {
  return w(db).selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function insertSubscription(db: Executor, row: SubscriptionRow): Promise<boolean> {
  const inserted = await w(db).insertInto('webhook_subscriptions').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  return inserted.length === 1;
}

export async function updateSubscription(db: Executor, id: string, patch: Partial<SubscriptionRow>): Promise<void> {
  await w(db).updateTable('webhook_subscriptions').set(patch).where('id', '=', id).execute();
}

export async function deleteSubscription(db: Executor, id: string): Promise<boolean> {
  const result = await w(db).deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A 2xx: the endpoint is healthy again, whatever came before. */
export async function recordSuccess(db: Executor, id: string, now: number): Promise<void> {
  await w(db).updateTable('webhook_subscriptions').set({ failing_since: null, last_success_at: now }).where('id', '=', id).execute();
}

/** A failed attempt: starts the failing period if none is running; returns when it started. */
export async function recordFailure(db: Executor, id: string, now: number): Promise<number | undefined> {
  await w(db).updateTable('webhook_subscriptions').set({ failing_since: now }).where('id', '=', id).where('failing_since', 'is', null).execute();
  const row = await w(db).selectFrom('webhook_subscriptions').select('failing_since').where('id', '=', id).executeTakeFirst();
  return row?.failing_since ?? undefined;
}
