import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshIds, samplePayload } from '../../examples/send-webhook.mjs';
import { FakeClock } from '../../src/kernel/index.ts';
import { ADMIN_KEY, createKey, testHashi } from '../support/hashi.ts';
import { OUT_SECRETS, Receiver, mangaYaml, readEml, sendWebhook, settle, verifyStandard, type TestHashi } from './support.ts';

const admin = { 'x-admin-key': ADMIN_KEY };

describe('MangaAssist payments: signed Stripe webhook → PaymentCompleted → confirmation email + CRM webhook', () => {
  let receiver: Receiver;
  let hashi: TestHashi;
  let clock: FakeClock;

  beforeEach(async () => {
    receiver = await new Receiver().start();
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({ clock, yaml: mangaYaml(receiver.url) });
    await hashi.manga!.seed();
  });
  afterEach(async () => {
    await hashi.close();
    await receiver.stop();
  });

  it('writes the confirmation to the local mailbox, stores the order, lowers stock and signs the CRM delivery', async () => {
    const payload = samplePayload('stripe');

    const res = await sendWebhook(hashi, clock, 'stripe', payload);
    await settle(hashi);

    expect(res.statusCode).toBe(202);
    const order = await hashi.app!.inject({ url: '/manga/v1/orders/ORD-DEMO-0001', headers: admin });
    expect(order.statusCode).toBe(200);
    expect(order.json()).toMatchObject({ id: 'ORD-DEMO-0001', email: 'aiko.tanaka@example.jp', amount: 3234, currency: 'JPY', confirmation_source: 'offline-template' });
    expect(order.json().mail).toMatchObject({ to: 'aiko.tanaka@example.jp', status: 'sent' });
    const mailbox = join(hashi.config.dataDir, 'mailbox');
    const files = readdirSync(mailbox);
    expect(files).toHaveLength(1);
    const eml = readEml(readFileSync(join(mailbox, files[0]!), 'utf8'));
    expect(eml.headers).toContain('To: aiko.tanaka@example.jp');
    expect(eml.headers).toContain('Subject: Your MangaAssist order ORD-DEMO-0001 is confirmed');
    expect(eml.body).toContain('Your order ORD-DEMO-0001 is confirmed.');
    expect(eml.body).toContain('- 星降る配達人 vol. 1 (x2)\n- Origami War vol. 7 (x1)');
    expect(eml.body).toContain('Total paid: ¥3,234 (JPY)');
    expect(eml.body.split(/\s+/).length).toBeLessThan(200);
    // Stock: 6 - 2 = 4, below the threshold of 5.
    const product = await hashi.app!.inject({ url: '/manga/v1/products/starfall-courier-v01-ja', headers: { authorization: `Bearer ${await createKey(hashi)}` } });
    expect(product.json().stock).toBe(4);

    const crm = receiver.at('/crm');
    expect(crm).toHaveLength(1);
    const verified = verifyStandard(OUT_SECRETS.crm, crm[0]!, clock);
    expect(verified).toMatchObject({ type: 'OrderConfirmed', source: 'mangaassist.orders', data: { order_id: 'ORD-DEMO-0001', amount: 3234, currency: 'JPY', customer_email: 'aiko.tanaka@example.jp' } });
    expect(verified.data.confirmation).toContain('ORD-DEMO-0001');
  });

  it('sends the supplier an InventoryLow webhook with a restock note when an order takes stock below its threshold', async () => {
    await sendWebhook(hashi, clock, 'stripe', samplePayload('stripe'));
    await settle(hashi);

    const supplier = receiver.at('/supplier');
    expect(supplier).toHaveLength(1);
    const verified = verifyStandard(OUT_SECRETS.supplier, supplier[0]!, clock);
    expect(verified).toMatchObject({ type: 'InventoryLow', data: { product_id: 'starfall-courier-v01-ja', stock: 4, threshold: 5, note_source: 'offline-template' } });
    expect(verified.data.restock_note).toContain('starfall-courier-v01-ja');
    // origami-war-v07-en went 21 → 20: still far above its threshold, no alert.
    expect(supplier.map((s) => JSON.parse(s.body).data.product_id)).toEqual(['starfall-courier-v01-ja']);
  });

  it('accepts a duplicate delivery once: one order, one email, one CRM webhook', async () => {
    const payload = freshIds('stripe', samplePayload('stripe'), 'dup');

    const first = await sendWebhook(hashi, clock, 'stripe', payload);
    const second = await sendWebhook(hashi, clock, 'stripe', payload);
    await settle(hashi);
    const third = await sendWebhook(hashi, clock, 'stripe', payload);
    await settle(hashi);

    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([202, 200, 200]);
    expect(second.json()).toMatchObject({ status: 'already_processed', deliveryId: first.json().deliveryId });
    expect(readdirSync(join(hashi.config.dataDir, 'mailbox'))).toHaveLength(1);
    expect(receiver.at('/crm')).toHaveLength(1);
  });

  it('acknowledges other Stripe event types without any work, and refuses a bad signature', async () => {
    const other = { id: 'evt_other_1', object: 'event', type: 'payment_intent.created', data: { object: { id: 'pi_1' } } };

    const ignored = await sendWebhook(hashi, clock, 'stripe', other);
    const forged = await sendWebhook(hashi, clock, 'stripe', samplePayload('stripe'), { secret: 'whsec_wrong' });
    await settle(hashi);

    expect(ignored.statusCode).toBe(202);
    expect(ignored.json().eventIds).toEqual([]);
    expect([forged.statusCode, forged.json().error.code]).toEqual([403, 'WEBHOOK_SIGNATURE_INVALID']);
    expect(receiver.received).toHaveLength(0);
  });
});
