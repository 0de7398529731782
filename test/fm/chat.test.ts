import { afterEach, describe, expect, it } from 'vitest';
import { OFFLINE_CHAT_MODEL, OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES } from '../../src/fm/index.ts';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability/index.ts';
import { createKey, testHashi } from '../support/hashi.ts';
import { parseSse } from './sse.ts';

type TestHashi = Awaited<ReturnType<typeof testHashi>>;
let hashi: TestHashi | undefined;
afterEach(async () => {
  await hashi?.close();
  hashi = undefined;
});

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

async function setup(yaml = '') {
  hashi = await testHashi({ yaml });
  const key = await createKey(hashi, 'acme');
  const chat = (body: unknown, headers: Record<string, string> = {}) =>
    hashi!.app!.inject({ method: 'POST', url: '/v1/chat', headers: { authorization: `Bearer ${key}`, ...headers }, payload: body as object });
  return { hashi, key, chat };
}

describe('POST /v1/chat (offline, no configuration)', () => {
  it('answers with the offline model, clearly labelled, with usage, cost and the overhead header', async () => {
    const { chat } = await setup();

    const res = await chat({ message: 'Is One Piece volume 105 in stock?' });

    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      model: 'haiku',
      provider: 'offline',
      provider_model: OFFLINE_CHAT_MODEL,
      text: OFFLINE_NO_CONTEXT,
      cost_usd: null,
      cached: false,
      stop_reason: 'end_turn',
      route: 'auto',
    });
    expect(body.id).toMatch(/^chat_/);
    expect(body.usage.output_tokens).toBeGreaterThan(0);
    expect(Number(res.headers['x-hashi-overhead-ms'])).toBeGreaterThanOrEqual(0);
  });

  it('answers from supplied context passages (extractive) and routes a complex question to sonnet', async () => {
    const { chat } = await setup();

    const res = await chat({
      message: 'Compare the shipping times: when does an order to Osaka arrive?',
      context: [{ id: 'kb-7', title: 'Shipping', text: 'Orders to Osaka arrive in two days. Gift wrapping costs extra.' }],
    });

    expect(res.json()).toMatchObject({ model: 'sonnet', text: expect.stringContaining('Orders to Osaka arrive in two days.') });
    expect(res.json().text).toContain('[kb-7]');
  });

  it('says plainly that the offline model cannot see images', async () => {
    const { chat } = await setup();

    const res = await chat({ message: 'What is on this cover?', images: [{ media_type: 'image/png', data: PNG }] });

    expect(res.statusCode).toBe(200);
    expect(res.json().text).toContain(OFFLINE_NO_IMAGES);
  });

  it('refuses a body without a message, an unknown model, and a missing key', async () => {
    const { chat, hashi: h } = await setup();

    const empty = await chat({ system: 'x' });
    const unknown = await chat({ message: 'hi', model: 'gpt-9' });
    const anonymous = await h.app!.inject({ method: 'POST', url: '/v1/chat', payload: { message: 'hi' } });

    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'FM_UNKNOWN_MODEL']);
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'AUTH_REQUIRED']);
    expect(anonymous.headers['x-hashi-overhead-ms']).toBeDefined();
  });
});

describe('SSE', () => {
  it('streams start, token chunks and complete for POST with Accept: text/event-stream', async () => {
    const { chat } = await setup();

    const res = await chat({ message: 'hello there' }, { accept: 'text/event-stream' });

    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseSse(res.body);
    expect(events[0]).toMatchObject({ event: 'start', data: { model: 'haiku', provider: 'offline', cached: false } });
    const chunks = events.filter((e) => e.event === 'chunk');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.data.text).join('')).toBe(OFFLINE_NO_CONTEXT);
    expect(events.at(-1)).toMatchObject({ event: 'complete', data: { stop_reason: 'end_turn', cost_usd: null, usage: { output_tokens: expect.any(Number) } } });
  });

  it('streams GET /v1/chat/stream?message=…', async () => {
    const { hashi: h, key } = await setup();

    const res = await h.app!.inject({ method: 'GET', url: `/v1/chat/stream?message=${encodeURIComponent('hi')}&model=sonnet`, headers: { 'x-api-key': key } });

    const events = parseSse(res.body);
    expect(events.map((e) => e.event).filter((e) => e !== 'chunk')).toEqual(['start', 'complete']);
    expect(events[0]!.data.model).toBe('sonnet');
  });
});

describe('GET /v1/chat/stream for browser EventSource clients', () => {
  it('takes the key as ?api_key= (a header wins), refuses a wrong one, keeps it out of the logs, and only on that route', async () => {
    let logs = '';
    const logger = createLogger({ level: 'info', destination: new Writable({ write: (chunk: Buffer, _enc, done) => ((logs += chunk.toString()), done()) }) });
    hashi = await testHashi({ logger });
    const key = await createKey(hashi, 'acme');
    const get = (query: string, headers: Record<string, string> = {}) => hashi!.app!.inject({ method: 'GET', url: `/v1/chat/stream?message=hi&${query}`, headers });

    const ok = await get(`api_key=${key}`);
    const wrong = await get('api_key=hsk_wrong');
    const headerWins = await get('api_key=hsk_wrong', { 'x-api-key': key });
    const post = await hashi.app!.inject({ method: 'POST', url: `/v1/chat?api_key=${key}`, payload: { message: 'hi' } });

    expect([ok.statusCode, ok.headers['content-type']]).toEqual([200, expect.stringContaining('text/event-stream')]);
    expect(parseSse(ok.body).at(-1)!.event).toBe('complete');
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([401, 'AUTH_INVALID']);
    expect(headerWins.statusCode).toBe(200);
    expect([post.statusCode, post.json().error.code]).toEqual([401, 'AUTH_REQUIRED']);
    expect(logs).toContain('/v1/chat/stream?message=hi&api_key=[redacted]');
    expect(logs).not.toContain(key);
    expect(logs).not.toContain('hsk_wrong');
  });
});

describe('sessions', () => {
  it('stores the conversation per session, sends it with the next turn, and reads and deletes it per tenant', async () => {
    const { chat, hashi: h, key } = await setup();
    const other = await createKey(h, 'globex');

    await chat({ message: 'first question', session_id: 'conv-1' });
    await chat({ message: 'second question', session_id: 'conv-1' });
    const mine = await h.app!.inject({ method: 'GET', url: '/v1/sessions/conv-1', headers: { 'x-api-key': key } });
    const theirs = await h.app!.inject({ method: 'GET', url: '/v1/sessions/conv-1', headers: { 'x-api-key': other } });
    const deleted = await h.app!.inject({ method: 'DELETE', url: '/v1/sessions/conv-1', headers: { 'x-api-key': key } });
    const after = await h.app!.inject({ method: 'GET', url: '/v1/sessions/conv-1', headers: { 'x-api-key': key } });

    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: 'conv-1', turns: 2 });
    expect(mine.json().messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'first question'],
      ['assistant', OFFLINE_NO_CONTEXT],
      ['user', 'second question'],
      ['assistant', OFFLINE_NO_CONTEXT],
    ]);
    expect(theirs.statusCode).toBe(404);
    expect(deleted.statusCode).toBe(204);
    expect(after.statusCode).toBe(404);
  });
});
