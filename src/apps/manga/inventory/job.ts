import type { Job, Queue } from '../../../queue/index.ts';
import type { Executor } from '../../../store/index.ts';
import { generate, isOffline } from '../ai/generate.ts';
import type { StockChange } from '../catalog/repository.ts';
import { getProduct } from '../catalog/repository.ts';
import { JOB_TENANT, type MangaContext } from '../context.ts';
import { publishAll } from '../handlers/publish.ts';
import type { BusEvent } from '../types.ts';
import { RESTOCK_SYSTEM, restockPrompt, suggestedQuantity, templateRestockNote } from './restock.ts';

export const INVENTORY_JOB = 'manga.inventory-low';
export const INVENTORY_SOURCE = 'mangaassist.inventory';

interface InventoryLowPayload {
  product_id: string;
  stock: number;
  threshold: number;
  /** The event whose handling lowered the stock: InventoryLow continues its chain (loop guard). */
  cause: BusEvent;
}

/** Called in the transaction that lowered the stock: the alert exists if and only if the change committed. */
export async function enqueueInventoryLow(tx: Executor, queue: Queue, change: StockChange, cause: BusEvent): Promise<void> {
  await queue.enqueue<InventoryLowPayload>(
    { type: INVENTORY_JOB, payload: { product_id: change.product_id, stock: change.stock, threshold: change.threshold, cause }, dedupeKey: `inventory-low:${change.product_id}:${change.stock}` },
    tx,
  );
}

/** Writes the restock note (small model; a template when offline) and publishes InventoryLow for the supplier's subscription. */
export function inventoryLowJob(ctx: MangaContext) {
  return async (job: Job<InventoryLowPayload>, run: { signal: AbortSignal }): Promise<void> => {
    const { product_id, stock, cause } = job.payload;
    const product = await getProduct(ctx.store.db, product_id);
    if (!product) return;
    const answer = await generate(
      ctx.fm,
      { model: ctx.settings.models.fast, system: RESTOCK_SYSTEM, messages: [{ role: 'user', content: restockPrompt(product, stock) }], maxTokens: 200 },
      { tenant: JOB_TENANT, signal: run.signal },
    );
    const offline = isOffline(answer) || answer.text.trim() === '';
    const note = offline ? templateRestockNote(product, stock) : answer.text.trim();
    await ctx.store.transaction(async (tx) => {
      await publishAll(
        ctx.bus,
        [
          {
            Source: INVENTORY_SOURCE,
            DetailType: 'InventoryLow',
            Resources: [`product/${product.id}`],
            Detail: {
              alert_id: `${product.id}:${stock}`,
              product_id: product.id,
              title: product.title,
              volume: product.volume,
              language: product.language,
              stock,
              threshold: product.stock_threshold,
              suggested_quantity: suggestedQuantity(stock, product.stock_threshold),
              restock_note: note,
              note_source: offline ? 'offline-template' : `model:${answer.model}`,
            },
          },
        ],
        tx,
        cause,
      );
    });
  };
}
