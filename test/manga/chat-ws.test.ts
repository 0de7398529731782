import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { WsTestClient } from '../fm/ws-client.ts';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { createKey, testHashi } from '../support/hashi.ts';
import { fakeFmYaml, mangaYaml, type TestHashi } from './support.ts';

describe('MangaAssist chat over the gateway WebSocket (/v1/chat/ws, type manga.chat)', () => {
  let hashi: TestHashi;
  let key: string;
  let url: string;
  const clients: WsTestClient[] = [];

  beforeAll(async () => {
    hashi = await testHashi({ clock: new FakeClock(Date.UTC(2026, 10, 22, 12)), yaml: mangaYaml('http://127.0.0.1:9') });
    await hashi.manga!.seed();
    key = await createKey(hashi, 'shop');
    url = `${(await hashi.app!.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws')}/v1/chat/ws`;
  });
  afterAll(async () => {
    for (const c of clients) c.socket.terminate();
    await hashi.close();
  });

  const open = async (k = key) => {
    const client = await WsTestClient.connect(`${url}?api_key=${k}`);
    clients.push(client);
    await client.waitFor((m) => m.type === 'ready');
    return client;
  };

  it('streams the manga turn: start with the products found, chunks, then complete with the stored result', async () => {
    const ws = await open();
    ws.send({ type: 'manga.chat', id: 't1', session_id: 'ws-1', message: 'How much is Origami War volume 7 in English?', channel: 'web' });
    const frames = await ws.turn('t1');

    expect(frames[0]).toMatchObject({ type: 'start', id: 't1', session_id: 'ws-1' });
    expect(frames[0].products.map((p: { id: string }) => p.id)).toContain('origami-war-v07-en');
    const chunks = frames.filter((f) => f.type === 'chunk').map((f) => f.text as string);
    expect(chunks.length).toBeGreaterThan(1);
    const complete = frames.at(-1);
    expect(complete).toMatchObject({ type: 'complete', id: 't1', session_id: 'ws-1', model: expect.any(String), message_id: expect.any(String) });
    expect(complete.answer).toBe(chunks.join(''));
    expect(complete.products.find((p: { cited: boolean }) => p.cited)?.id).toBe('origami-war-v07-en');
    // The same turn as over HTTP: stored in the session's history, and MessageReceived published with the defaults applied.
    const stored = await hashi.app!.inject({ url: '/manga/v1/chat/ws-1/messages', headers: { authorization: `Bearer ${key}` } });
    expect(stored.json().messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'How much is Origami War volume 7 in English?'],
      ['assistant', complete.answer],
    ]);
    const received = await hashi.store.db
      .withTables<{ event_log: { detail_type: string; envelope: string } }>()
      .selectFrom('event_log')
      .select('envelope')
      .where('detail_type', '=', 'MessageReceived')
      .execute();
    expect(received.map((r) => JSON.parse(r.envelope).detail)).toContainEqual(expect.objectContaining({ session_id: 'ws-1', channel: 'web', language: 'en' }));
  });

  it('keeps the socket usable: a plain gateway chat turn and a second manga turn follow on the same connection', async () => {
    const ws = await open();
    ws.send({ type: 'chat', id: 'plain', message: 'Say hello', context: [{ id: 'c1', text: 'Hello from the context.' }] });
    const plain = await ws.turn('plain');
    ws.send({ type: 'manga.chat', session_id: 'ws-2', message: 'Do you ship to Canada?', language: 'en' });
    const second = await ws.waitFor((m) => m.type === 'complete' && m.session_id === 'ws-2');

    expect(plain.at(-1).type).toBe('complete');
    expect(second.id).toMatch(/^turn_\d+$/);
  });

  it('refuses an invalid manga frame with every problem listed, and names the frame types it knows', async () => {
    const ws = await open();
    ws.send({ type: 'manga.chat', id: 'bad', session_id: 'ws-3', message: 'x'.repeat(4001), language: 'fr', extra: 1 });
    const bad = await ws.waitFor((m) => m.type === 'error');
    ws.send({ type: 'manga.order' });
    const unknown = await ws.waitFor((m) => m.type === 'error' && m.message.includes('type'), ws.messages.indexOf(bad) + 1);

    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(bad.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'language', 'message']);
    expect(unknown.message).toBe('message type must be "chat", "cancel", "ping" or "manga.chat"');
  });

  it('closes an unauthenticated socket with 1008 before any turn runs', async () => {
    const client = await WsTestClient.connect(`${url}?api_key=hsk_not_a_key`);
    clients.push(client);
    const closed = await client.closed;
    expect(closed.code).toBe(1008);
  });
});

describe('MangaAssist chat over the gateway WebSocket, with FM faults (fake upstream)', () => {
  let fake: FakeUpstream;
  let hashi: TestHashi;
  let ws: WsTestClient;
  let key: string;

  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    fake.reset();
    hashi = await testHashi({ clock: new FakeClock(Date.UTC(2026, 10, 22, 12)), yaml: mangaYaml('http://127.0.0.1:9', fakeFmYaml(fake.url)) });
    await hashi.manga!.seed();
    key = await createKey(hashi, 'shop');
    const url = `${(await hashi.app!.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws')}/v1/chat/ws?api_key=${key}`;
    ws = await WsTestClient.connect(url);
    await ws.waitFor((m) => m.type === 'ready');
  });
  afterEach(async () => {
    ws.socket.terminate();
    await hashi.close();
  });

  const history = async (session: string) =>
    (await hashi.app!.inject({ url: `/manga/v1/chat/${session}/messages`, headers: { authorization: `Bearer ${key}` } })).json().messages.map((m: { role: string }) => m.role);

  it('answers an FM outage with an error frame (the JSON error code), and the socket carries on', async () => {
    fake.script({ fault: { type: 'status', status: 503 }, times: 1 });
    ws.send({ type: 'manga.chat', id: 'down', session_id: 'wf-1', message: 'Is Origami War good?' });
    const down = await ws.turn('down');
    fake.script({ reply: 'Yes [origami-war-v07-en].', times: 1 });
    ws.send({ type: 'manga.chat', id: 'up', session_id: 'wf-1', message: 'Is Origami War good?' });
    const up = await ws.turn('up');

    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ type: 'error', id: 'down', status: 503, code: 'FM_UNAVAILABLE', message: expect.any(String) });
    expect(up.at(-1)).toMatchObject({ type: 'complete', answer: 'Yes [origami-war-v07-en].' });
  });

  it('ends a turn whose stream breaks with an error frame after its chunks, and stores no answer', async () => {
    fake.script({ reply: 'Origami War volume seven is a delight for every reader', fault: { type: 'reset', afterDeltas: 3 }, times: 1 });
    ws.send({ type: 'manga.chat', id: 'b', session_id: 'wf-2', message: 'Is Origami War good?' });
    const turn = await ws.turn('b');

    expect(turn.map((m) => m.type)).toEqual(['start', 'chunk', 'chunk', 'chunk', 'error']);
    expect(turn.at(-1).code).toBe('FM_PROVIDER_STREAM_BROKEN');
    expect(await history('wf-2')).toEqual(['user']);
  });

  it('cancels a turn on {"type":"cancel"}: the upstream call is aborted, no answer stored, the socket carries on', async () => {
    fake.script({ reply: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), tokensPerSecond: 20, times: 1 });
    ws.send({ type: 'manga.chat', id: 'long', session_id: 'wf-3', message: 'Tell me everything about Origami War' });
    await ws.waitFor((m) => m.id === 'long' && m.type === 'chunk');
    ws.send({ type: 'manga.chat', id: 'meanwhile', session_id: 'wf-3', message: 'and?' });
    const busy = await ws.waitFor((m) => m.id === 'meanwhile');
    ws.send({ type: 'cancel' });
    const long = await ws.turn('long');
    await vi.waitFor(() => expect(fake.inFlight).toBe(0), { timeout: 5_000 });

    expect(busy).toMatchObject({ type: 'error', status: 409, code: 'CONFLICT' });
    expect(long.at(-1)).toEqual({ type: 'cancelled', id: 'long' });
    expect(long.filter((m) => m.type === 'chunk').length).toBeLessThan(60);
    expect(await history('wf-3')).toEqual(['user']);
  });
});
