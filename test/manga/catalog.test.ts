import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshIds, samplePayload } from '../../examples/send-webhook.mjs';
import { FakeClock } from '../../src/kernel/index.ts';
import { ADMIN_KEY, createKey, testHashi } from '../support/hashi.ts';
import { OUT_SECRETS, Receiver, mangaYaml, sendWebhook, settle, verifyStandard, type TestHashi } from './support.ts';

const admin = { 'x-admin-key': ADMIN_KEY };

describe('MangaAssist catalog: signed batch → CatalogUpdate per item (split into PutEvents of 10, outcomes in the answer) → descriptions', () => {
  let receiver: Receiver;
  let hashi: TestHashi;
  let clock: FakeClock;
  let key: string;

  beforeEach(async () => {
    receiver = await new Receiver().start();
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({ clock, yaml: mangaYaml(receiver.url) });
    await hashi.manga!.seed();
    key = await createKey(hashi);
  });
  afterEach(async () => {
    await hashi.close();
    await receiver.stop();
  });

  const product = async (id: string) => (await hashi.app!.inject({ url: `/manga/v1/products/${id}`, headers: { authorization: `Bearer ${key}` } })).json();
  const batch = async (id: string) => (await hashi.app!.inject({ url: `/manga/v1/catalog/batches/${id}`, headers: admin })).json();

  it('publishes one event per valid item in two PutEvents calls, reports the rejected one, and describes new releases', async () => {
    const res = await sendWebhook(hashi, clock, 'catalog', samplePayload('catalog'));
    await settle(hashi);

    // The sender's answer itemizes the batch: 11 published (with their event ids), item 11 rejected.
    expect(res.statusCode).toBe(202);
    const answer = res.json();
    expect(answer).toMatchObject({ status: 'accepted', failedItemCount: 1 });
    expect(answer.items).toHaveLength(12);
    expect(answer.items.filter((i: { status: string }) => i.status === 'published').map((i: { eventId: string }) => i.eventId)).toEqual(answer.eventIds);
    expect(answer.items[11]).toEqual({ index: 11, ref: expect.any(String), status: 'rejected', reason: expect.stringContaining('unknown update type "remaster"') });
    const report = await batch('batch-demo-0001');
    expect(report).toMatchObject({ batch_id: 'batch-demo-0001', item_count: 12, published: 11, rejected: 1, failed: 0 });
    const statuses = Object.fromEntries(report.items.map((i: { index: number; status: string }) => [i.index, i.status]));
    expect(statuses).toEqual({ 0: 'described', 1: 'described', 2: 'described', 3: 'described', 4: 'described', 5: 'described', 6: 'described', 7: 'described', 8: 'described', 9: 'described', 10: 'skipped', 11: 'rejected' });
    expect(report.items[10].reason).toMatch(/^discontinued_product/);
    expect(report.items[11].reason).toContain('unknown update type "remaster"');
    // 11 CatalogUpdate events, published by the webhook itself (chain depth 0). The bus refuses a
    // PutEvents call of more than 10 entries (EVENTS_REQUEST_INVALID), so all 11 means the batch was split.
    const updates = await hashi.store.db
      .withTables<{ event_log: { detail_type: string; chain_depth: number } }>()
      .selectFrom('event_log')
      .select(['detail_type', 'chain_depth'])
      .where('detail_type', 'like', 'CatalogUpdate.%')
      .execute();
    expect(updates).toHaveLength(11);
    expect(new Set(updates.map((u) => u.chain_depth))).toEqual(new Set([0]));

    const released = await product('origami-war-v12-ja');
    expect(released).toMatchObject({ title: '折り紙戦争', volume: 12, price: 715, status: 'active', ai_source: 'offline-template' });
    expect(released.ai_description).toContain('第12巻');
    expect(released.ai_tags).toHaveLength(5);
    const stored = await hashi.store.db
      .withTables<{ manga_products: { id: string; embedding: string | null; embedding_model: string | null } }>()
      .selectFrom('manga_products')
      .select(['embedding', 'embedding_model'])
      .where('id', '=', 'origami-war-v12-ja')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.embedding!)).toHaveLength(384);
    expect(stored.embedding_model).toBe('offline/hash-embed-384');

    expect(await product('ramen-samurai-v06-en')).toMatchObject({ price: 1540, ai_source: 'offline-template' });
    expect(await product('quiet-sword-of-ishikawa-v01-en')).toMatchObject({ status: 'discontinued', ai_description: null });
  });

  it('sends InventoryLow to the supplier for a new release below its threshold and a stock update that crosses it', async () => {
    await sendWebhook(hashi, clock, 'catalog', samplePayload('catalog'));
    await settle(hashi);

    const alerts = receiver.at('/supplier').map((r) => verifyStandard(OUT_SECRETS.supplier, r, clock).data as Record<string, unknown>);
    expect(alerts.map((a) => [a.product_id, a.stock, a.threshold]).sort()).toEqual([
      ['origami-war-v08-en', 2, 3],
      ['snow-fox-bride-v08-ja', 2, 3],
    ]);
    expect(alerts.every((a) => typeof a.restock_note === 'string' && (a.restock_note as string).includes(a.product_id as string))).toBe(true);
  });

  it('makes new releases findable by chat search right after their description', async () => {
    await sendWebhook(hashi, clock, 'catalog', samplePayload('catalog'));
    await settle(hashi);

    const res = await hashi.app!.inject({ url: '/manga/v1/products?q=dragon%20files%20for%20bankruptcy&limit=3', headers: { authorization: `Bearer ${key}` } });

    expect(res.json().results[0]).toMatchObject({ id: 'dragon-tax-office-v07-en', ai_source: 'offline-template' });
  });

  it('accepts a duplicate batch once and refuses a batch with no items', async () => {
    const payload = freshIds('catalog', samplePayload('catalog'), 'dup');
    const first = await sendWebhook(hashi, clock, 'catalog', payload);
    const again = await sendWebhook(hashi, clock, 'catalog', payload);
    const empty = await sendWebhook(hashi, clock, 'catalog', { batch_id: 'batch-empty', items: [] });
    await settle(hashi);

    expect([first.statusCode, again.statusCode, again.json().status]).toEqual([202, 200, 'already_processed']);
    // A duplicate gets the same itemized answer as the first delivery.
    expect(again.json().items).toEqual(first.json().items);
    expect([empty.statusCode, empty.json().error.message]).toEqual([422, expect.stringContaining('batch batch-empty has no items')]);
    const batches = await hashi.store.db.withTables<{ manga_catalog_batches: { batch_id: string } }>().selectFrom('manga_catalog_batches').select('batch_id').execute();
    expect(batches.map((b) => b.batch_id)).toEqual([payload.batch_id]);
  });

  it('reports entries the bus refuses as failed while publishing the others (a schema the bus enforces)', async () => {
    await hashi.close();
    // The bus refuses CatalogUpdate.price_change events whose price is above 100 000 (an enforced schema).
    const schema = 'events:\n  schemas:\n    - { source: mangaassist.catalog, detailType: CatalogUpdate.price_change, enforce: true, schema: { type: object, properties: { data: { type: object, properties: { price: { type: number, maximum: 100000 } } } } } }\n';
    hashi = await testHashi({ clock, yaml: mangaYaml(receiver.url).replace('events:\n', schema.replace('events:\n', 'events:\n')) });
    await hashi.manga!.seed();
    key = await createKey(hashi);
    const items = [
      ...Array.from({ length: 11 }, (_, i) => ({ type: 'price_change', id: `origami-war-v${String(i + 1).padStart(2, '0')}-ja`, price: 700 + i })),
      { type: 'price_change', id: 'origami-war-v01-en', price: 999_999 },
    ];

    const res = await sendWebhook(hashi, clock, 'catalog', { batch_id: 'batch-partial', items });
    await settle(hashi);

    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'accepted', failedItemCount: 1 });
    expect(res.json().eventIds).toHaveLength(11);
    expect(res.json().items[11]).toEqual({ index: 11, ref: 'origami-war-v01-en', status: 'failed', errorCode: 'EVENT_SCHEMA_VIOLATION', errorMessage: expect.any(String) });
    const report = await batch('batch-partial');
    expect(report).toMatchObject({ item_count: 12, published: 11, rejected: 0, failed: 1 });
    expect(report.items[11]).toMatchObject({ status: 'failed', product_id: 'origami-war-v01-en' });
    expect(report.items[11].reason).toMatch(/^EVENT_SCHEMA_VIOLATION/);
    expect(await product('origami-war-v11-ja')).toMatchObject({ price: 710 });
  });
});
