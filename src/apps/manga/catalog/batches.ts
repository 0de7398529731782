import type { Insertable } from 'kysely';
import type { Executor } from '../../../store/index.ts';
import type { CatalogBatchOutcome } from '../inbound/catalog.ts';
import { m, type CatalogItemsTable } from '../tables.ts';

/**
 * Keeps a catalog batch's per-item outcome (published with its event id,
 * rejected or failed with the reason), on the webhook's accept transaction:
 * the record commits with the events or not at all. The catalog-update
 * handler later moves published items to described, updated or skipped.
 * A batch id sent again after its idempotency key expired is accepted anew,
 * so its record is replaced.
 */
export async function recordCatalogBatch(tx: Executor, batch: CatalogBatchOutcome, now: number): Promise<{ published: number; rejected: number; failed: number }> {
  const count = (status: string) => batch.items.filter((i) => i.status === status).length;
  const counts = { published: count('published'), rejected: count('rejected'), failed: count('failed') };
  await m(tx).deleteFrom('manga_catalog_items').where('batch_id', '=', batch.batch_id).execute();
  await m(tx).deleteFrom('manga_catalog_batches').where('batch_id', '=', batch.batch_id).execute();
  await m(tx).insertInto('manga_catalog_batches').values({ batch_id: batch.batch_id, received_at: now, items: batch.items.length, ...counts }).execute();
  const rows: Insertable<CatalogItemsTable>[] = batch.items.map((i) => ({
    batch_id: batch.batch_id,
    idx: i.index,
    product_id: i.product_id,
    type: i.type,
    status: i.status,
    reason: i.status === 'rejected' ? i.reason : i.status === 'failed' ? `${i.errorCode}: ${i.errorMessage}` : null,
    event_id: i.status === 'published' ? i.eventId : null,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 100) await m(tx).insertInto('manga_catalog_items').values(rows.slice(i, i + 100)).execute();
  return counts;
}
