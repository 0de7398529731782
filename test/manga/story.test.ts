import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePayload } from '../../examples/send-webhook.mjs';
import { FakeClock } from '../../src/kernel/index.ts';
import { storeBackends } from '../support/backends.ts';
import { ADMIN_KEY, createKey } from '../support/hashi.ts';
import { Receiver, hashiOn, mangaYaml, sendWebhook, settle, type TestHashi } from './support.ts';

const admin = { 'x-admin-key': ADMIN_KEY };

// The "done when", in order, on every store backend: a signed Stripe payment ends in the
// local mailbox, a review in a verdict, a catalog batch in descriptions, and chat answers from the catalogue.
for (const backend of storeBackends) describe(`the MangaAssist demo story [${backend.name}]`, () => {
  let receiver: Receiver;
  let hashi: TestHashi;
  let clock: FakeClock;
  let key: string;

  beforeAll(async () => {
    receiver = await new Receiver().start();
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await hashiOn(backend.name, { clock, yaml: mangaYaml(receiver.url) });
    await hashi.manga!.seed();
    key = await createKey(hashi, 'shop');
  });
  afterAll(async () => {
    await hashi?.close();
    await receiver.stop();
  });

  it('a signed Stripe payment produces a confirmation in the local mailbox and a CRM webhook', async () => {
    const res = await sendWebhook(hashi, clock, 'stripe', samplePayload('stripe'));
    await settle(hashi);

    expect(res.statusCode).toBe(202);
    expect(readdirSync(join(hashi.config.dataDir, 'mailbox'))).toHaveLength(1);
    expect(receiver.at('/crm')).toHaveLength(1);
    expect(receiver.at('/supplier')).toHaveLength(1);
  });

  it('a review webhook ends in a moderation verdict', async () => {
    await sendWebhook(hashi, clock, 'reviews', samplePayload('reviews'));
    await sendWebhook(hashi, clock, 'reviews', samplePayload('reviews', 'abusive'));
    await settle(hashi);

    const safe = await hashi.app!.inject({ url: '/manga/v1/reviews/rev-demo-0001', headers: admin });
    const hidden = await hashi.app!.inject({ url: '/manga/v1/reviews/rev-demo-0002', headers: admin });
    expect(safe.json()).toMatchObject({ status: 'published', safe: true });
    expect(hidden.json()).toMatchObject({ status: 'hidden', severity: 'critical' });
    expect(receiver.at('/slack')).toHaveLength(1);
  });

  it('a catalog batch ends in descriptions', async () => {
    await sendWebhook(hashi, clock, 'catalog', samplePayload('catalog'));
    await settle(hashi);

    const batch = (await hashi.app!.inject({ url: '/manga/v1/catalog/batches/batch-demo-0001', headers: admin })).json();
    expect(batch).toMatchObject({ item_count: 12, published: 11, rejected: 1, failed: 0 });
    expect(batch.items.filter((i: { status: string }) => i.status === 'described')).toHaveLength(10);
  });

  it('chat answers product questions with real catalogue items, including the new release', async () => {
    const res = await hashi.app!.inject({
      method: 'POST',
      url: '/manga/v1/chat',
      headers: { authorization: `Bearer ${key}` },
      payload: { session_id: 'story', message: 'Is there a new volume of Origami War in English?', language: 'en', channel: 'web' },
    });

    expect(res.statusCode).toBe(200);
    expect(res.json().products.filter((p: { cited: boolean }) => p.cited).map((p: { id: string }) => p.id)).toContain('origami-war-v08-en');
  });

  it('analytics counts the inferences of all of the above per model', async () => {
    await settle(hashi);
    const res = await hashi.app!.inject({ url: '/manga/v1/analytics', headers: admin });

    const completed = await hashi.store.db
      .withTables<{ event_log: { detail_type: string } }>()
      .selectFrom('event_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('detail_type', '=', 'InferenceCompleted')
      .executeTakeFirstOrThrow();
    expect(res.json().totals.requests).toBe(Number(completed.n));
    expect(Number(completed.n)).toBeGreaterThan(10);
  });
});
