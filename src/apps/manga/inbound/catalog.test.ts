import { describe, expect, it } from 'vitest';
import { mapCatalogBatch, planCatalogBatch } from './catalog.ts';

const release = (id: string) => ({ type: 'new_release', id, title: 'Origami War', author: 'Ren Tsukishima', genre: 'shonen', volume: 12, synopsis: 'Paper comes alive.', price: 715, language: 'ja', stock: 20 });

describe('catalog batches', () => {
  it('map item by item, in order: an event per valid item, a reason per other; refused without a batch id or items', async () => {
    const mapped = mapCatalogBatch({ batch_id: 'b-1', items: [release('a'), { type: 'remaster', id: 'b' }, { type: 'price_change', id: 'c', price: 1 }] });
    expect(mapped.items.map((i) => ('entry' in i ? [i.ref, i.entry.DetailType] : [i.ref, i.rejected]))).toEqual([
      ['a', 'CatalogUpdate.new_release'],
      ['b', 'unknown update type "remaster" (expected new_release, price_change, discontinued)'],
      ['c', 'CatalogUpdate.price_change'],
    ]);
    expect(mapped.onAccepted).toBeUndefined();
    expect(() => mapCatalogBatch({ items: [release('a')] })).toThrow(/batch_id/);
    expect(() => mapCatalogBatch({ batch_id: 'b-1', items: [] })).toThrow(/no items/);
    expect(() => mapCatalogBatch({ batch_id: 'b-1', items: Array.from({ length: 201 }, () => release('x')) })).toThrow(/at most 200/);
  });

  it('hand the recorder every outcome with its product id and type', async () => {
    const seen: unknown[] = [];
    const mapped = mapCatalogBatch({ batch_id: 'b-1', items: [{ type: 'discontinued', id: 'a' }, { type: 'x' }] }, async (_tx, batch) => void seen.push(batch));
    await mapped.onAccepted!({} as never, [
      { index: 0, ref: 'a', status: 'published', eventId: 'e-1' },
      { index: 1, ref: 'items[1]', status: 'rejected', reason: 'item has no valid id' },
    ]);
    expect(seen).toEqual([
      {
        batch_id: 'b-1',
        items: [
          { index: 0, ref: 'a', status: 'published', eventId: 'e-1', product_id: 'a', type: 'discontinued' },
          { index: 1, ref: 'items[1]', status: 'rejected', reason: 'item has no valid id', product_id: '', type: 'x' },
        ],
      },
    ]);
  });

  it('plan one CatalogUpdate.<type> per valid item and a reason for each other one', () => {
    const plan = planCatalogBatch({
      batch_id: 'b-1',
      items: [release('a'), { type: 'price_change', id: 'b', price: 650 }, { type: 'discontinued', id: 'c' }, { type: 'price_change', id: 'd' }, { type: 'remaster', id: 'e' }, { type: 'new_release', title: 'x' }, { ...release('f'), volume: 0 }],
    });
    expect(plan.updates.map((u) => [u.index, u.entry.DetailType, u.product_id])).toEqual([
      [0, 'CatalogUpdate.new_release', 'a'],
      [1, 'CatalogUpdate.price_change', 'b'],
      [2, 'CatalogUpdate.discontinued', 'c'],
    ]);
    expect(plan.rejected.map((r) => [r.index, r.reason])).toEqual([
      [3, 'price must be a non-negative number'],
      [4, 'unknown update type "remaster" (expected new_release, price_change, discontinued)'],
      [5, 'item has no valid id'],
      [6, 'volume must be a positive integer'],
    ]);
    expect(plan.updates[1]!.entry.Detail).toEqual({ batch_id: 'b-1', index: 1, product_id: 'b', update_type: 'price_change', data: { id: 'b', price: 650 }, processing_stage: 'raw' });
  });

  it('use the batch type for items that name none', () => {
    const plan = planCatalogBatch({ batch_id: 'b-2', type: 'discontinued', items: [{ id: 'a' }, { id: 'b', type: 'price_change', price: 1 }] });
    expect(plan.updates.map((u) => u.type)).toEqual(['discontinued', 'price_change']);
  });
});
