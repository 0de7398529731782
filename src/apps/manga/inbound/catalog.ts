import { ValidationError } from '../../../kernel/index.ts';
import { checkProductId, checkProductInput } from '../catalog/input.ts';
import type { BusEntry } from '../types.ts';

export const CATALOG_SOURCE = 'mangaassist.catalog';
export const CATALOG_TYPES = ['new_release', 'price_change', 'discontinued'] as const;
export type CatalogUpdateType = (typeof CATALOG_TYPES)[number];
/** Items per delivery: a batch travels as one event, which must stay under the bus's 256 KB entry limit. */
export const MAX_BATCH_ITEMS = 200;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message: string) => new ValidationError('MANGA_WEBHOOK_INVALID', `catalog ${message}`, { status: 422 });

/**
 * A catalog delivery → one `CatalogBatchReceived` event carrying its items.
 * The items are fanned out afterwards (one `CatalogUpdate.<type>` each, in
 * PutEvents calls of at most 10) by the catalog fan-out function, which
 * records per item what was published, rejected or failed.
 */
export function mapCatalogBatch(payload: unknown): BusEntry[] {
  if (!isRecord(payload)) throw invalid('delivery is not a JSON object');
  const batchId = payload.batch_id;
  if (typeof batchId !== 'string' || !checkProductId(batchId)) throw invalid('delivery without a valid batch_id');
  const items = payload.items;
  if (!Array.isArray(items) || items.length === 0) throw invalid(`batch ${batchId} has no items`);
  if (items.length > MAX_BATCH_ITEMS) throw invalid(`batch ${batchId} has ${items.length} items; send at most ${MAX_BATCH_ITEMS} per delivery`);
  const type = typeof payload.type === 'string' ? payload.type : undefined;
  return [{ Source: CATALOG_SOURCE, DetailType: 'CatalogBatchReceived', Detail: { batch_id: batchId, ...(type ? { type } : {}), items, processing_stage: 'raw' } }];
}

export interface PlannedUpdate {
  index: number;
  product_id: string;
  type: CatalogUpdateType;
  entry: BusEntry;
}

export interface RejectedItem {
  index: number;
  product_id: string;
  type: string;
  reason: string;
}

function checkItem(item: Record<string, unknown>, type: CatalogUpdateType): string | undefined {
  if (type === 'new_release') {
    const checked = checkProductInput(item);
    return checked.ok ? undefined : `${checked.field || 'item'} ${checked.message}`;
  }
  if (type === 'price_change' && !(typeof item.price === 'number' && Number.isFinite(item.price) && item.price >= 0)) return 'price must be a non-negative number';
  if (item.stock !== undefined && !(Number.isInteger(item.stock) && (item.stock as number) >= 0)) return 'stock must be a non-negative integer';
  return undefined;
}

/** Pure: which items become events, and why the others do not. An item's `type` wins over the batch's. */
export function planCatalogBatch(detail: { batch_id: string; type?: string; items: unknown[] }): { updates: PlannedUpdate[]; rejected: RejectedItem[] } {
  const updates: PlannedUpdate[] = [];
  const rejected: RejectedItem[] = [];
  detail.items.forEach((raw, index) => {
    const item = isRecord(raw) ? raw : {};
    const type = typeof item.type === 'string' ? item.type : (detail.type ?? '');
    const id = typeof item.id === 'string' ? item.id : typeof item.product_id === 'string' ? item.product_id : '';
    const reject = (reason: string) => rejected.push({ index, product_id: id, type, reason });
    if (!checkProductId(id)) return reject('item has no valid id');
    if (!(CATALOG_TYPES as readonly string[]).includes(type)) return reject(`unknown update type ${JSON.stringify(type)} (expected ${CATALOG_TYPES.join(', ')})`);
    const problem = checkItem({ ...item, id }, type as CatalogUpdateType);
    if (problem !== undefined) return reject(problem);
    const { type: _type, ...fields } = item;
    const data = { ...fields, id };
    updates.push({
      index,
      product_id: id,
      type: type as CatalogUpdateType,
      entry: {
        Source: CATALOG_SOURCE,
        DetailType: `CatalogUpdate.${type}`,
        Resources: [`product/${id}`],
        Detail: {
          batch_id: detail.batch_id,
          index,
          product_id: id,
          update_type: type,
          ...(typeof item.title === 'string' ? { title: item.title } : {}),
          data,
          processing_stage: 'raw',
        },
      },
    });
  });
  return { updates, rejected };
}
