import type { Executor } from '../../../store/index.ts';
import { generate, isOffline } from '../ai/generate.ts';
import { DESCRIBE_SYSTEM, describePrompt, parseDescription, templateDescription } from '../catalog/describe.ts';
import { checkProductInput } from '../catalog/input.ts';
import { searchText } from '../catalog/product.ts';
import { discontinue, getProduct, setDescription, setPrice, setStock, upsertProducts, type StockChange } from '../catalog/repository.ts';
import { JOB_TENANT, type MangaContext } from '../context.ts';
import { enqueueInventoryLow } from '../inventory/job.ts';
import { m } from '../tables.ts';
import type { BusEvent } from '../types.ts';
import { Detail } from './detail.ts';

async function itemStatus(db: Executor, d: Detail, status: string, reason: string | null, now: number): Promise<void> {
  const batchId = d.optStr('batch_id');
  const index = d.optNum('index');
  if (batchId === undefined || index === undefined) return;
  await m(db).updateTable('manga_catalog_items').set({ status, reason, updated_at: now }).where('batch_id', '=', batchId).where('idx', '=', index).execute();
}

/**
 * Applies one catalog change in a transaction; a fall below the stock
 * threshold queues an InventoryLow alert. Returns a reason when the item
 * gets no description.
 */
async function applyChange(ctx: MangaContext, event: BusEvent, d: Detail, type: string, data: Record<string, unknown>): Promise<string | undefined> {
  const id = d.str('product_id');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    let change: StockChange | undefined;
    let skip: string | undefined;
    if (type === 'new_release') {
      const checked = checkProductInput(data);
      if (!checked.ok) {
        skip = `invalid new release: ${checked.field} ${checked.message}`;
      } else {
        const known = await getProduct(tx, id);
        await upsertProducts(tx, [checked.value], now, ctx.settings.catalog.defaultStockThreshold);
        const threshold = checked.value.stock_threshold ?? known?.stock_threshold ?? ctx.settings.catalog.defaultStockThreshold;
        const before = known?.stock ?? Number.MAX_SAFE_INTEGER;
        change = { product_id: id, before, stock: checked.value.stock, threshold, crossedBelow: before >= threshold && checked.value.stock < threshold };
      }
    } else if (type === 'price_change') {
      const currency = typeof data.currency === 'string' ? data.currency.toUpperCase() : undefined;
      if (!(await setPrice(tx, id, data.price as number, currency, now))) skip = `unknown product ${id}: a price change needs a product the catalogue has`;
      else if (typeof data.stock === 'number') change = await setStock(tx, id, data.stock, now);
    } else if (type === 'discontinued') {
      await discontinue(tx, id, now);
      skip = 'discontinued_product: no description is written for a discontinued product';
    } else {
      skip = `unknown update type ${type}`;
    }
    if (change?.crossedBelow) await enqueueInventoryLow(tx, ctx.queue, change, event);
    if (skip !== undefined) await itemStatus(tx, d, type === 'discontinued' ? 'skipped' : 'failed', skip, now);
    else await itemStatus(tx, d, 'updated', null, now);
    return skip;
  });
}

/**
 * CatalogUpdate.<type> → the catalogue is updated; for new releases and price
 * changes the small model writes a 2–3 sentence description and 5 tags
 * (the offline template when the model is the offline provider), stored with
 * a refreshed embedding and re-indexed for chat. Discontinued products are
 * marked and skipped with a reason. Running twice rewrites the same result.
 */
export function catalogUpdate(ctx: MangaContext) {
  return async (event: BusEvent, run: { signal: AbortSignal }): Promise<void> => {
    const d = new Detail(event.detail, 'CatalogUpdate');
    const type = d.optStr('update_type') ?? event['detail-type'].replace(/^CatalogUpdate\./, '');
    const raw = d.raw('data');
    const data = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>), id: d.str('product_id') } : { id: d.str('product_id') };
    const skipped = await applyChange(ctx, event, d, type, data);
    if (skipped !== undefined) {
      ctx.logger.info({ product: data.id, type, reason: skipped }, 'catalog update: no description');
      const product = await getProduct(ctx.store.db, d.str('product_id'));
      if (product) await ctx.products.upsert([product]);
      return;
    }
    const product = await getProduct(ctx.store.db, d.str('product_id'));
    if (!product) return;
    const answer = await generate(
      ctx.fm,
      { model: ctx.settings.models.fast, system: DESCRIBE_SYSTEM, messages: [{ role: 'user', content: describePrompt(product) }], maxTokens: 300 },
      { tenant: JOB_TENANT, signal: run.signal },
    );
    const parsed = isOffline(answer) ? undefined : parseDescription(answer.text, product);
    const written = parsed ?? templateDescription(product);
    const source = parsed ? `model:${answer.model}` : 'offline-template';
    const described = { ...product, ai_description: written.description, ai_tags: written.tags, ai_source: source };
    const [embedding] = await ctx.embedder.embed([searchText(described)]);
    const now = ctx.clock.now();
    await ctx.store.transaction(async (tx) => {
      await setDescription(tx, product.id, { description: written.description, tags: written.tags, source, embedding: embedding!, embeddingModel: ctx.embedder.model }, now);
      await itemStatus(tx, d, 'described', null, now);
    });
    await ctx.products.upsert([described]);
  };
}
