import { MAX_ENTRIES } from '../../../events/index.ts';
import type { Insertable } from 'kysely';
import type { MangaContext } from '../context.ts';
import { planCatalogBatch } from '../inbound/catalog.ts';
import { m, type CatalogItemsTable } from '../tables.ts';
import type { BusEvent } from '../types.ts';
import { Detail } from './detail.ts';

/**
 * CatalogBatchReceived → one `CatalogUpdate.<type>` event per valid item,
 * published in PutEvents calls of at most 10 entries. Per-item outcomes go to
 * manga_catalog_items: `published` (with the event id), `rejected` (invalid
 * item, with the reason) or `failed` (the bus refused the entry, with its
 * error code). Batch, items and events commit together; a redelivered batch
 * event finds its batch and stops.
 */
export function catalogFanout(ctx: MangaContext) {
  return async (event: BusEvent): Promise<void> => {
    const d = new Detail(event.detail, 'CatalogBatchReceived');
    const batchId = d.str('batch_id');
    const items = Array.isArray(d.raw('items')) ? (d.raw('items') as unknown[]) : [];
    const type = d.optStr('type');
    const plan = planCatalogBatch({ batch_id: batchId, ...(type ? { type } : {}), items });
    const now = ctx.clock.now();
    await ctx.store.transaction(async (tx) => {
      const created = await m(tx)
        .insertInto('manga_catalog_batches')
        .values({ batch_id: batchId, received_at: now, items: items.length, published: 0, rejected: plan.rejected.length, failed: 0 })
        .onConflict((oc) => oc.column('batch_id').doNothing())
        .executeTakeFirst();
      if (Number(created.numInsertedOrUpdatedRows ?? 0n) === 0) return;
      const rows: Insertable<CatalogItemsTable>[] = plan.rejected.map((r) => ({ batch_id: batchId, idx: r.index, product_id: r.product_id, type: r.type, status: 'rejected', reason: r.reason, event_id: null, updated_at: now }));
      let published = 0;
      let failed = 0;
      for (let i = 0; i < plan.updates.length; i += MAX_ENTRIES) {
        const chunk = plan.updates.slice(i, i + MAX_ENTRIES);
        const result = await ctx.bus.putEvents(
          chunk.map((u) => u.entry),
          { tx, causedBy: event },
        );
        chunk.forEach((u, j) => {
          const r = result.Entries[j];
          const ok = r?.EventId !== undefined;
          if (ok) published++;
          else failed++;
          rows.push({
            batch_id: batchId,
            idx: u.index,
            product_id: u.product_id,
            type: u.type,
            status: ok ? 'published' : 'failed',
            reason: ok ? null : `${r?.ErrorCode ?? 'unknown'}: ${r?.ErrorMessage ?? 'no answer for this entry'}`,
            event_id: ok ? r.EventId! : null,
            updated_at: now,
          });
        });
      }
      for (let i = 0; i < rows.length; i += 100) await m(tx).insertInto('manga_catalog_items').values(rows.slice(i, i + 100)).execute();
      await m(tx).updateTable('manga_catalog_batches').set({ published, failed }).where('batch_id', '=', batchId).execute();
      if (failed > 0 || plan.rejected.length > 0) ctx.logger.warn({ batch: batchId, published, rejected: plan.rejected.length, failed }, 'catalog batch partly refused');
    });
  };
}
