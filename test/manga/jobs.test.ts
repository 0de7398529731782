import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { ADMIN_KEY, createKey, testHashi } from '../support/hashi.ts';
import { RULES, mangaYaml, settle, type TestHashi } from './support.ts';

const admin = { 'x-admin-key': ADMIN_KEY };
const HOUR = 3_600_000;

async function eventsOf(hashi: TestHashi, detailType: string): Promise<Array<{ id: string; detail: Record<string, any> }>> {
  const rows = await hashi.store.db
    .withTables<{ event_log: { detail_type: string; envelope: string; ingested_at: number } }>()
    .selectFrom('event_log')
    .select('envelope')
    .where('detail_type', '=', detailType)
    .orderBy('ingested_at')
    .execute();
  return rows.map((r) => JSON.parse(r.envelope));
}

describe('MangaAssist recommendations, analytics and the loop guard', () => {
  let hashi: TestHashi;
  let clock: FakeClock;
  let key: string;

  const open = async (extraRules = '') => {
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({ clock, yaml: mangaYaml('http://127.0.0.1:9').replace(RULES, `${RULES}${extraRules}`) });
    await hashi.manga!.seed();
    key = await createKey(hashi, 'shop');
  };
  beforeEach(async () => open());
  afterEach(async () => {
    await hashi.close();
  });

  const recommend = (body: Record<string, unknown>) => hashi.app!.inject({ method: 'POST', url: '/manga/v1/recommendations', headers: { authorization: `Bearer ${key}` }, payload: body });

  it('ranks products with a one-line reason each: the next volume first', async () => {
    const res = await recommend({ customer_id: 'cust-1', based_on: ['origami-war-v03-en'] });

    expect(res.statusCode).toBe(200);
    const { items, based_on } = res.json();
    expect(based_on).toEqual(['origami-war-v03-en']);
    expect(items[0]).toMatchObject({ product_id: 'origami-war-v04-en', reason: 'The next volume after Origami War vol. 3.' });
    expect(items).toHaveLength(5);
    expect(items.every((i: { reason: string }) => i.reason.length > 10 && !i.reason.includes('\n'))).toBe(true);
    expect(items.map((i: { product_id: string }) => i.product_id)).not.toContain('origami-war-v03-en');
  });

  it('refuses unknown products in based_on, and starts newcomers on first volumes', async () => {
    const unknown = await recommend({ customer_id: 'cust-1', based_on: ['no-such-manga'] });
    const newcomer = await recommend({ customer_id: 'cust-new', count: 3 });

    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'MANGA_PRODUCT_NOT_FOUND']);
    expect(newcomer.json().items).toHaveLength(3);
    expect(newcomer.json().items.every((i: { volume: number }) => i.volume === 1)).toBe(true);
  });

  it('learns from chat: products shown to a customer become the basis of their recommendations', async () => {
    const customerKey = (await hashi.keys.create({ tenant: 'shop', customerId: 'cust-chat' })).key;
    await hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat', headers: { authorization: `Bearer ${customerKey}` }, payload: { session_id: 'c-1', message: 'Tell me about Dragon Tax Office volume 2 in English' } });

    const res = await recommend({ customer_id: 'cust-chat' });

    expect(res.json().based_on[0]).toMatch(/^dragon-tax-office-/);
    expect(res.json().items[0].reason).toMatch(/Dragon Tax Office/);
  });

  it('regenerates recommendations every 6 hours for recently active customers and publishes Recommendation.Generated', async () => {
    await recommend({ customer_id: 'cust-old', based_on: ['bonsai-ronin-v01-ja'] });
    clock.tick(200 * HOUR); // cust-old is now outside the 168-hour window
    await recommend({ customer_id: 'cust-a', based_on: ['origami-war-v03-en'] });
    await recommend({ customer_id: 'cust-b', based_on: ['sakura-circuit-v01-ja'] });
    const before = await eventsOf(hashi, 'Recommendation.Generated');

    clock.tick(6 * HOUR);
    const fired = await hashi.events.runDue();
    await settle(hashi);

    expect(before).toHaveLength(0);
    expect(fired.map((f) => f.rule)).toContain('manga-recommendations-refresh');
    const generated = await eventsOf(hashi, 'Recommendation.Generated');
    expect(generated.map((e) => e.detail.customer_id).sort()).toEqual(['cust-a', 'cust-b']);
    expect(generated[0]!.detail.items.length).toBeGreaterThan(0);
    expect(generated.every((e) => e.detail._chain_depth === 1 && e.detail.trigger === 'schedule')).toBe(true);
  });

  it('counts every inference once per model and day (tokens, cost), even when an event is delivered twice', async () => {
    await hashi.close();
    // A second rule sends every InferenceCompleted to the analytics function again: the same event twice.
    await open(`\n    - { Name: manga-analytics-again, EventPattern: { source: [hashi.fm], detail-type: [InferenceCompleted] }, Targets: [{ Id: again, Arn: "function:manga-inference-analytics" }] }`);
    const chat = (message: string) => hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat', headers: { authorization: `Bearer ${key}` }, payload: { session_id: 'a-1', message } });
    await chat('Is Origami War in stock?');
    await chat('Compare Origami War and Blade of the Thousand Gates and explain why one is better');
    await chat('Any cooking manga?');
    await settle(hashi);

    const res = await hashi.app!.inject({ url: '/manga/v1/analytics?days=1', headers: admin });
    const keyed = await hashi.app!.inject({ url: '/manga/v1/analytics', headers: { authorization: `Bearer ${key}` } });

    const completed = await eventsOf(hashi, 'InferenceCompleted');
    expect(completed).toHaveLength(3);
    const byModel = Object.fromEntries(res.json().days.map((d: { model: string }) => [d.model, d]));
    expect(Object.keys(byModel).sort()).toEqual(['haiku', 'sonnet']);
    expect(byModel.haiku).toMatchObject({ day: '2026-11-22', requests: 2 });
    expect(byModel.sonnet).toMatchObject({ day: '2026-11-22', requests: 1 });
    const tokens = completed.reduce((sum, e) => sum + e.detail.inputTokens + e.detail.outputTokens, 0);
    expect(res.json().totals.requests).toBe(3);
    expect(res.json().totals.input_tokens + res.json().totals.output_tokens).toBe(tokens);
    expect(keyed.statusCode).toBe(401);
  });

  it('stops a deliberately looping rule at the maximum chain depth (3): the loop guard refuses the 4th event', async () => {
    await hashi.close();
    // Every Recommendation.Generated triggers another refresh, which publishes Recommendation.Generated again.
    await open(`\n    - { Name: manga-deliberate-loop, EventPattern: { source: [mangaassist.ai], detail-type: [Recommendation.Generated] }, Targets: [{ Id: loop, Arn: "function:manga-recommendations-refresh" }] }`);
    await recommend({ customer_id: 'cust-loop', based_on: ['origami-war-v03-en'] });

    clock.tick(6 * HOUR);
    await hashi.events.runDue();
    const jobs = await settle(hashi);

    const generated = await eventsOf(hashi, 'Recommendation.Generated');
    expect(generated.map((e) => e.detail._chain_depth)).toEqual([1, 2, 3]);
    const dead = await hashi.queue.listDead({});
    expect(dead).toHaveLength(1);
    expect(dead[0]!.meta).toMatchObject({ rule: 'manga-deliberate-loop' });
    expect(dead[0]!.errors.at(-1)!.code).toBe('EVENT_LOOP_REFUSED');
    expect(jobs).toBeLessThan(20);
    expect(await hashi.queue.drain(5)).toBe(0);
  });
});
