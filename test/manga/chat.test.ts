import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { createKey, testHashi } from '../support/hashi.ts';
import { mangaYaml, type TestHashi } from './support.ts';

interface Card {
  id: string;
  title: string;
  volume: number;
  language: string;
  price: number;
  cited: boolean;
}
interface ChatResult {
  session_id: string;
  message_id: string;
  answer: string;
  model: string;
  products: Card[];
}

const catalogue = (JSON.parse(readFileSync(new URL('../../examples/manga/catalogue.json', import.meta.url), 'utf8')) as { products: Array<{ id: string; price: number }> }).products;
const priceOf = (id: string) => `¥${catalogue.find((p) => p.id === id)!.price.toLocaleString('en-US')}`;

/** Server-Sent Events of a response body, as [event, data] pairs. */
function sseEvents(body: string): Array<[string, any]> {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1]!;
      const data = /^data: (.*)$/m.exec(block)![1]!;
      return [event, JSON.parse(data)];
    });
}

describe('MangaAssist chat (offline provider): answers product questions from the catalogue', () => {
  let hashi: TestHashi;
  let clock: FakeClock;
  let key: string;

  beforeAll(async () => {
    clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
    hashi = await testHashi({ clock, yaml: mangaYaml('http://127.0.0.1:9') });
    await hashi.manga!.seed();
    key = await createKey(hashi, 'shop');
  });
  afterAll(async () => {
    await hashi.close();
  });

  const chat = (body: Record<string, unknown>, k = key) => hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat', headers: { authorization: `Bearer ${k}` }, payload: body });

  it('answers from catalogue passages, cites the product ids, and returns the products found (cited first)', async () => {
    const res = await chat({ session_id: 's-1', message: 'Do you have The Last Ramen Samurai in English? How much is volume 3?', language: 'en', channel: 'web' });

    expect(res.statusCode).toBe(200);
    const body = res.json() as ChatResult;
    expect(body.model).toBe('haiku');
    expect(body.answer).toContain('[ramen-samurai-v03-en]');
    expect(body.answer).toContain(priceOf('ramen-samurai-v03-en'));
    expect(body.products[0]).toMatchObject({ id: 'ramen-samurai-v03-en', title: 'The Last Ramen Samurai', volume: 3, language: 'en', cited: true });
    expect(body.products.length).toBeGreaterThan(1);
    expect(body.products.every((p) => p.id.startsWith('ramen-samurai-'))).toBe(true);
  });

  it('answers Japanese questions from Japanese editions', async () => {
    const res = await chat({ session_id: 's-ja', message: '星降る配達人の第2巻の値段はいくらですか？', language: 'ja' });

    const body = res.json() as ChatResult;
    expect(body.products.find((p) => p.cited)).toMatchObject({ id: 'starfall-courier-v02-ja', language: 'ja' });
    expect(body.answer).toContain(priceOf('starfall-courier-v02-ja'));
  });

  it('routes a complex question to the large model (auto), a simple one to the small model', async () => {
    const complex = await chat({ session_id: 's-3', message: 'Compare Starfall Courier and Sakura Circuit and explain why a sci-fi fan would pick one' });
    const simple = await chat({ session_id: 's-3', message: 'Is Sakura Circuit in stock?' });

    expect([complex.json().model, simple.json().model]).toEqual(['sonnet', 'haiku']);
  });

  it('quotes store information for policy questions', async () => {
    const res = await chat({ session_id: 's-4', message: 'How much is shipping for a small order?' });

    expect(res.json().answer).toContain('[info-shipping]');
    expect(res.json().answer).toContain('¥450');
  });

  it('publishes MessageReceived for every message and keeps the history per tenant and session', async () => {
    await chat({ session_id: 's-5', message: 'Any horror manga about ghosts in Kyoto?', channel: 'mobile' });
    await chat({ session_id: 's-5', message: 'And the second volume?', channel: 'mobile' });
    const other = await createKey(hashi, 'another-shop');

    const mine = await hashi.app!.inject({ url: '/manga/v1/chat/s-5/messages', headers: { authorization: `Bearer ${key}` } });
    const theirs = await hashi.app!.inject({ url: '/manga/v1/chat/s-5/messages', headers: { authorization: `Bearer ${other}` } });
    const events = await hashi.store.db
      .withTables<{ event_log: { detail_type: string; source: string; envelope: string } }>()
      .selectFrom('event_log')
      .select('envelope')
      .where('detail_type', '=', 'MessageReceived')
      .execute();

    expect(mine.json().messages.map((m: { role: string; content: string }) => [m.role, m.content.slice(0, 14)])).toEqual([
      ['user', 'Any horror man'],
      ['assistant', expect.any(String)],
      ['user', 'And the second'],
      ['assistant', expect.any(String)],
    ]);
    expect(mine.json().messages[1].product_ids[0]).toMatch(/^hundred-ghost-dormitory-/);
    expect(theirs.json().messages).toEqual([]);
    const s5 = events.map((e) => JSON.parse(e.envelope)).filter((e) => e.detail.session_id === 's-5');
    expect(s5.map((e) => [e.source, e.detail.message, e.detail.language, e.detail.channel])).toEqual([
      ['mangaassist.chat', 'Any horror manga about ghosts in Kyoto?', 'en', 'mobile'],
      ['mangaassist.chat', 'And the second volume?', 'en', 'mobile'],
    ]);
  });

  it('streams the same turn over SSE: meta with products, deltas, then done with the stored result', async () => {
    const res = await hashi.app!.inject({
      method: 'POST',
      url: '/manga/v1/chat/stream',
      headers: { authorization: `Bearer ${key}` },
      payload: { session_id: 's-6', message: 'How much is Origami War volume 7 in English?' },
    });

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = sseEvents(res.body);
    expect(events[0]![0]).toBe('meta');
    expect(events[0]![1].products.map((p: Card) => p.id)).toContain('origami-war-v07-en');
    const deltas = events.filter(([e]) => e === 'delta').map(([, d]) => d.text as string);
    expect(deltas.length).toBeGreaterThan(1);
    const [last, done] = events.at(-1)!;
    expect(last).toBe('done');
    expect(done.answer).toBe(deltas.join(''));
    expect(done.products.find((p: Card) => p.cited)?.id).toBe('origami-war-v07-en');
    const stored = await hashi.app!.inject({ url: '/manga/v1/chat/s-6/messages', headers: { authorization: `Bearer ${key}` } });
    expect(stored.json().messages.at(-1).content).toBe(done.answer);
  });

  it('validates the request: message ≤ 4000 characters, language ja|en, channel web|mobile|api, an API key', async () => {
    const long = await chat({ session_id: 's-7', message: 'x'.repeat(4001) });
    const language = await chat({ session_id: 's-7', message: 'hi', language: 'fr' });
    const channel = await chat({ session_id: 's-7', message: 'hi', channel: 'fax' });
    const anonymous = await hashi.app!.inject({ method: 'POST', url: '/manga/v1/chat', payload: { session_id: 's-7', message: 'hi' } });
    const atLimit = await chat({ session_id: 's-7', message: `${'manga '.repeat(666)}abcd` });

    expect([long.statusCode, language.statusCode, channel.statusCode, anonymous.statusCode]).toEqual([400, 400, 400, 401]);
    expect(atLimit.statusCode).toBe(200);
  });
});
