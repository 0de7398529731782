import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshIds, samplePayload } from '../../examples/send-webhook.mjs';
import { FakeClock, sha256Hex } from '../../src/kernel/index.ts';
import { ADMIN_KEY, testHashi } from '../support/hashi.ts';
import { OUT_SECRETS, Receiver, mangaYaml, sendWebhook, settle, verifyStandard, type TestHashi } from './support.ts';

const admin = { 'x-admin-key': ADMIN_KEY };

describe('MangaAssist reviews: signed review webhook → sentiment → moderation verdict', () => {
  let receiver: Receiver;
  let hashi: TestHashi;
  let clock: FakeClock;

  beforeEach(async () => {
    receiver = await new Receiver().start();
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({ clock, yaml: mangaYaml(receiver.url) });
  });
  afterEach(async () => {
    await hashi.close();
    await receiver.stop();
  });

  const review = async (id: string) => (await hashi.app!.inject({ url: `/manga/v1/reviews/${id}`, headers: admin })).json();

  it('publishes ReviewSubmitted with a sentiment label and stores a safe verdict (offline rules, labelled)', async () => {
    const res = await sendWebhook(hashi, clock, 'reviews', samplePayload('reviews'));
    const event = await hashi.events.getEvent(res.json().eventIds[0]);
    await settle(hashi);

    expect(res.statusCode).toBe(202);
    expect(event).toMatchObject({ source: 'mangaassist.reviews', 'detail-type': 'ReviewSubmitted', detail: { review_id: 'rev-demo-0001', ai_sentiment: 'positive', sentiment_source: 'offline-lexicon' } });
    expect(await review('rev-demo-0001')).toMatchObject({ status: 'published', safe: true, severity: 'none', verdict_source: 'offline-rules', sentiment: 'positive' });
    expect(receiver.received).toHaveLength(0);
  });

  it('flags a threatening review (critical): ModerationFlagged with hash and preview, the review hidden, a Slack summary posted', async () => {
    const payload = samplePayload('reviews', 'abusive');

    const res = await sendWebhook(hashi, clock, 'reviews', payload);
    await settle(hashi);

    expect(res.statusCode).toBe(202);
    expect(await review('rev-demo-0002')).toMatchObject({ status: 'hidden', safe: false, severity: 'critical', categories: ['threat'], sentiment: 'negative' });
    const flagged = (await hashi.store.db
      .withTables<{ event_log: { detail_type: string; envelope: string } }>()
      .selectFrom('event_log')
      .select('envelope')
      .where('detail_type', '=', 'ModerationFlagged')
      .execute()).map((r) => JSON.parse(r.envelope));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({
      source: 'mangaassist.ai',
      detail: { review_id: 'rev-demo-0002', severity: 'critical', flagged_categories: ['threat'], content_hash: sha256Hex(payload.text), content_preview: payload.text.slice(0, 200), _chain_depth: 1 },
    });
    const slack = receiver.at('/slack');
    expect(slack).toHaveLength(1);
    const message = verifyStandard(OUT_SECRETS.slack, slack[0]!, clock) as { text: string; blocks: unknown[] };
    expect(message.text).toContain('Review hidden (critical)');
    expect(JSON.stringify(message.blocks)).toContain('rev-demo-0002');
  });

  it('holds a medium-severity review without hiding it (only high and critical reach the moderation handler)', async () => {
    const payload = { review_id: 'rev-spam-1', product_id: 'origami-war-v07-en', text: 'Great book! Buy now with promo code MANGA50 at https://cheap-manga.example/deal' };

    await sendWebhook(hashi, clock, 'reviews', payload);
    await settle(hashi);

    expect(await review('rev-spam-1')).toMatchObject({ status: 'held', safe: false, severity: 'medium', categories: ['spam'] });
    expect(receiver.at('/slack')).toHaveLength(0);
  });

  it('refuses a review without text or product id (422) and accepts a duplicate once', async () => {
    const missing = await sendWebhook(hashi, clock, 'reviews', { review_id: 'rev-x', product_id: 'p' });
    const payload = freshIds('reviews', samplePayload('reviews'), 'dup');
    const first = await sendWebhook(hashi, clock, 'reviews', payload);
    const again = await sendWebhook(hashi, clock, 'reviews', payload);
    await settle(hashi);

    expect([missing.statusCode, missing.json().error.code]).toEqual([422, 'WEBHOOK_MAPPING_FAILED']);
    expect(missing.json().error.message).toContain('review delivery without text');
    expect([first.statusCode, again.statusCode, again.json().status]).toEqual([202, 200, 'already_processed']);
    const rows = await hashi.store.db.withTables<{ manga_reviews: { review_id: string } }>().selectFrom('manga_reviews').select('review_id').execute();
    expect(rows.map((r) => r.review_id)).toEqual([payload.review_id]);
  });
});
