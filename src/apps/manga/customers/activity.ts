import type { Executor } from '../../../store/index.ts';
import { m } from '../tables.ts';

const MAX_REMEMBERED = 30;

/** Records that a customer was active and what they looked at or bought (newest first, bounded). */
export async function touchCustomer(db: Executor, customerId: string, productIds: readonly string[], now: number): Promise<void> {
  const row = await m(db).selectFrom('manga_customer_activity').select('product_ids').where('customer_id', '=', customerId).executeTakeFirst();
  const before = row ? (JSON.parse(row.product_ids) as string[]) : [];
  const merged = [...new Set([...productIds, ...before])].slice(0, MAX_REMEMBERED);
  await m(db)
    .insertInto('manga_customer_activity')
    .values({ customer_id: customerId, last_active_at: now, product_ids: JSON.stringify(merged) })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet({ last_active_at: now, product_ids: JSON.stringify(merged) }))
    .execute();
}

export async function customerHistory(db: Executor, customerId: string): Promise<string[]> {
  const row = await m(db).selectFrom('manga_customer_activity').select('product_ids').where('customer_id', '=', customerId).executeTakeFirst();
  return row ? (JSON.parse(row.product_ids) as string[]) : [];
}

export async function activeCustomers(db: Executor, since: number, limit: number): Promise<string[]> {
  const rows = await m(db)
    .selectFrom('manga_customer_activity')
    .select('customer_id')
    .where('last_active_at', '>=', since)
    .orderBy('last_active_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.customer_id);
}
