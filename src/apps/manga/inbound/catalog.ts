import { ValidationError } from '../../../kernel/index.ts';
import { checkProductId, checkProductInput } from '../catalog/input.ts';
import type { Executor } from '../../../store/index.ts';
import type { BusEntry, WebhookItemOutcome, WebhookItems } from '../types.ts';

export const CATALOG_SOURCE = 'mangaassist.catalog';
export const CATALOG_TYPES = ['new_release', 'price_change', 'discontinued'] as const;
export type CatalogUpdateType = (typeof CATALOG_TYPES)[number];
/** Items per delivery (each becomes one event; the body stays well under the edge's limit). */
export const MAX_BATCH_ITEMS = 200;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message: string) => new ValidationError('MANGA_WEBHOOK_INVALID', `catalog ${message}`, { status: 422 });

/** A batch's items in order, each with what it became: what the batch record keeps. */
export interface CatalogBatchOutcome {
  batch_id: string;
  items: Array<WebhookItemOutcome & { product_id: string; type: string }>;
}

/**
 * A catalog delivery → one `CatalogUpdate.<type>` event per valid item,
 * mapped item by item: the webhooks capability publishes them in PutEvents
 * calls of at most 10 inside the accept transaction and answers the sender
 * with every item's outcome (published, rejected with the reason, or failed
 * with the bus's error). `record` keeps that outcome on the same transaction.
 */
export function mapCatalogBatch(payload: unknown, record?: (tx: Executor, outcome: CatalogBatchOutcome) => Promise<void>): WebhookItems {
  if (!isRecord(payload)) throw invalid('delivery is not a JSON object');
  const batchId = payload.batch_id;
  if (typeof batchId !== 'string' || !checkProductId(batchId)) throw invalid('delivery without a valid batch_id');
  const items = payload.items;
  if (!Array.isArray(items) || items.length === 0) throw invalid(`batch ${batchId} has no items`);
  if (items.length > MAX_BATCH_ITEMS) throw invalid(`batch ${batchId} has ${items.length} items; send at most ${MAX_BATCH_ITEMS} per delivery`);
  const type = typeof payload.type === 'string' ? payload.type : undefined;
  const plan = planCatalogBatch({ batch_id: batchId, ...(type ? { type } : {}), items });
  const byIndex = new Map<number, { product_id: string; type: string; item: WebhookItems['items'][number] }>();
  for (const u of plan.updates) byIndex.set(u.index, { product_id: u.product_id, type: u.type, item: { ref: u.product_id, entry: u.entry } });
  for (const r of plan.rejected) byIndex.set(r.index, { product_id: r.product_id, type: r.type, item: { ref: r.product_id || `items[${r.index}]`, rejected: r.reason } });
  const planned = items.map((_, index) => byIndex.get(index)!);
  return {
    items: planned.map((p) => p.item),
    ...(record
      ? { onAccepted: (tx: Executor, outcomes: WebhookItemOutcome[]) => record(tx, { batch_id: batchId, items: outcomes.map((o) => ({ ...o, product_id: planned[o.index]!.product_id, type: planned[o.index]!.type })) }) }
      : {}),
  };
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
