import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { samplePayload } from '../../examples/send-webhook.mjs';
import { FakeClock } from '../../src/kernel/index.ts';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../support/fake-upstream/index.ts';
import { ADMIN_KEY, createKey, testHashi } from '../support/hashi.ts';
import { Receiver, fakeFmYaml, mangaYaml, sendWebhook, settle, type TestHashi } from './support.ts';

const admin = { 'x-admin-key': ADMIN_KEY };
const system = (req: RecordedRequest) => JSON.stringify(req.body?.system ?? '');
const isModeration = (req: RecordedRequest) => system(req).includes('content moderator');

// The AI jobs against a real provider adapter (Anthropic SDK) on the fake upstream:
// parsed model verdicts, the retry-then-human-review rule, and FM faults.
describe('MangaAssist AI jobs with a model (fake upstream)', () => {
  let fake: FakeUpstream;
  let receiver: Receiver;
  let hashi: TestHashi;
  let clock: FakeClock;

  beforeAll(async () => {
    fake = await startFakeUpstream();
    receiver = await new Receiver().start();
  });
  afterAll(async () => {
    await fake.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    fake.reset();
    receiver.received.length = 0;
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({ clock, yaml: mangaYaml(receiver.url, fakeFmYaml(fake.url)) });
  });
  afterEach(async () => {
    await hashi.close();
  });

  const review = async (id: string) => (await hashi.app!.inject({ url: `/manga/v1/reviews/${id}`, headers: admin })).json();
  /** Advances past every retry backoff and runs what became due, a few times over. */
  const settleWithRetries = async (rounds = 8) => {
    for (let i = 0; i < rounds; i++) {
      await settle(hashi);
      clock.tick(10 * 60_000);
    }
    await settle(hashi);
  };

  it("labels sentiment with the model's one word and stores its parsed JSON verdict", async () => {
    fake.script({ reply: (req) => (isModeration(req) ? '```json\n{"safe": false, "severity": "high", "categories": ["harassment"], "reason": "Insults the author."}\n```' : 'Negative') });

    const res = await sendWebhook(hashi, clock, 'reviews', { review_id: 'rev-m1', product_id: 'origami-war-v07-en', text: 'The author is an idiot.' });
    const event = await hashi.events.getEvent(res.json().eventIds[0]);
    await settle(hashi);

    expect(event.detail).toMatchObject({ ai_sentiment: 'negative', sentiment_source: 'model:haiku' });
    expect(await review('rev-m1')).toMatchObject({ status: 'hidden', severity: 'high', categories: ['harassment'], reason: 'Insults the author.', verdict_source: 'model:haiku' });
    expect(receiver.at('/slack')).toHaveLength(1);
  });

  it('asks once more when the verdict is not JSON, and uses the second answer', async () => {
    // FIFO: the review's sentiment enrichment, then two moderation attempts.
    fake.script({ reply: 'neutral', times: 1 });
    fake.script({ reply: 'Looks fine to me!', times: 1 });
    fake.script({ reply: '{"safe": true, "severity": "none", "categories": [], "reason": "Fair criticism."}', times: 1 });
    await sendWebhook(hashi, clock, 'reviews', { review_id: 'rev-m2', product_id: 'origami-war-v07-en', text: 'The pacing drags in the middle.' });
    await settle(hashi);

    expect(await review('rev-m2')).toMatchObject({ status: 'published', safe: true, reason: 'Fair criticism.', verdict_source: 'model:haiku' });
    expect(fake.requests.filter(isModeration)).toHaveLength(2);
  });

  it('never treats an unparseable verdict as safe: after one retry the review waits for a person and is flagged', async () => {
    fake.script({ reply: (req) => (isModeration(req) ? 'I am not sure about this one.' : 'neutral') });

    await sendWebhook(hashi, clock, 'reviews', { review_id: 'rev-m3', product_id: 'origami-war-v07-en', text: 'Hmm.' });
    await settle(hashi);

    expect(await review('rev-m3')).toMatchObject({ status: 'needs_review', safe: false, categories: ['needs_human_review'], verdict_source: 'model:haiku:unparseable' });
    expect(fake.requests.filter(isModeration)).toHaveLength(2);
    const flagged = await hashi.store.db
      .withTables<{ event_log: { detail_type: string; envelope: string } }>()
      .selectFrom('event_log')
      .select('envelope')
      .where('detail_type', '=', 'ModerationFlagged')
      .execute();
    expect(flagged.map((r) => JSON.parse(r.envelope).detail)).toMatchObject([{ review_id: 'rev-m3', severity: 'medium', needs_human_review: true }]);
    expect(receiver.at('/slack')).toHaveLength(0);
  });

  it('retries an order confirmation while the FM fails (503), then sends exactly one email', async () => {
    await hashi.manga!.seed();
    fake.script({ reply: 'Thank you! Order ORD-DEMO-0001 is confirmed, total ¥3,234. Enjoy your manga!' });
    fake.script({ fault: { type: 'status', status: 503 }, times: 2 });

    await sendWebhook(hashi, clock, 'stripe', samplePayload('stripe'));
    await settleWithRetries();

    const order = (await hashi.app!.inject({ url: '/manga/v1/orders/ORD-DEMO-0001', headers: admin })).json();
    expect(order).toMatchObject({ confirmation: 'Thank you! Order ORD-DEMO-0001 is confirmed, total ¥3,234. Enjoy your manga!', confirmation_source: 'model:haiku' });
    expect(readdirSync(join(hashi.config.dataDir, 'mailbox'))).toHaveLength(1);
    expect(receiver.at('/crm')).toHaveLength(1);
    const confirmationCalls = fake.requests.filter((r) => system(r).includes('order confirmations'));
    expect(confirmationCalls).toHaveLength(3);
  });

  it('dead-letters the confirmation when the FM keeps failing, with the cause on every attempt', async () => {
    await hashi.manga!.seed();
    fake.script({ fault: { type: 'status', status: 500 } });

    await sendWebhook(hashi, clock, 'stripe', samplePayload('stripe'));
    await settleWithRetries();

    const dead = await hashi.queue.listDead({});
    expect(dead).toHaveLength(1);
    expect(dead[0]!.meta).toMatchObject({ rule: 'manga-order-confirmation' });
    expect(dead[0]!.attempts).toBe(5);
    expect(dead[0]!.errors.every((e) => e.code === 'MANGA_FM_UNAVAILABLE')).toBe(true);
    expect((await hashi.app!.inject({ url: '/manga/v1/orders/ORD-DEMO-0001', headers: admin })).statusCode).toBe(404);
    expect(receiver.at('/crm')).toHaveLength(0);
  });

  it('sends the session history and the catalogue passages to the model, and returns its answer with the cited ids', async () => {
    await hashi.manga!.seed();
    const key = await createKey(hashi, 'shop');
    fake.script({ reply: 'Volume 1 is ¥1,650 [ramen-samurai-v01-en].' });
    const chat = (message: string) => hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat', headers: { authorization: `Bearer ${key}` }, payload: { session_id: 's-m', message } });

    await chat('Do you sell The Last Ramen Samurai in English?');
    const second = await chat('How much is the first volume?');

    expect(second.json()).toMatchObject({ answer: 'Volume 1 is ¥1,650 [ramen-samurai-v01-en].', model: 'haiku' });
    expect(second.json().products[0]).toMatchObject({ id: 'ramen-samurai-v01-en', cited: true });
    const sent = fake.requests.at(-1)!.body;
    expect(sent.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(sent.messages[0].content)).toContain('Do you sell The Last Ramen Samurai in English?');
    expect(JSON.stringify(sent.system)).toContain('[ramen-samurai-v01-en]');
  });

  it('answers a chat turn with the JSON error envelope when the FM is down, before and instead of a stream', async () => {
    const key = await createKey(hashi, 'shop');
    fake.script({ fault: { type: 'status', status: 503 } });

    const json = await hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat', headers: { authorization: `Bearer ${key}` }, payload: { session_id: 's-x', message: 'Is Origami War good?' } });
    const sse = await hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat/stream', headers: { authorization: `Bearer ${key}` }, payload: { session_id: 's-x', message: 'Is Origami War good?' } });

    expect(json.statusCode).toBe(503);
    expect(json.json().error.code).toBe('FM_UNAVAILABLE');
    expect([sse.statusCode, sse.headers['content-type']]).toEqual([503, expect.stringContaining('application/json')]);
  });

  it('ends a chat stream that breaks after it started with an error event, and stores no answer', async () => {
    await hashi.manga!.seed();
    const key = await createKey(hashi, 'shop');
    fake.script({ reply: 'Origami War volume seven is a delight for every reader', fault: { type: 'reset', afterDeltas: 3 } });

    const res = await hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat/stream', headers: { authorization: `Bearer ${key}` }, payload: { session_id: 's-b', message: 'Is Origami War good?' } });
    const history = await hashi.app!.inject({ url: '/manga/v1/chat/s-b/messages', headers: { authorization: `Bearer ${key}` } });

    expect(res.statusCode).toBe(200);
    const events = res.body.split('\n\n').filter((b) => b.trim() !== '').map((b) => /^event: (.*)$/m.exec(b)![1]);
    expect(events[0]).toBe('meta');
    expect(events).toContain('delta');
    expect(events.at(-1)).toBe('error');
    expect(events).not.toContain('done');
    expect(res.body).toContain('FM_PROVIDER_STREAM_BROKEN');
    expect(history.json().messages.map((m: { role: string }) => m.role)).toEqual(['user']);
  });
});
