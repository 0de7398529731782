import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type GatewayHarness } from './harness.ts';
import { parseSse } from './sse.ts';

let h: GatewayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const base = { message: 'Recommend a manga like Monster', model: 'claude' };

describe('response cache through HTTP', () => {
  it('answers an identical request from the cache: marked cached, costing nothing, without an upstream call', async () => {
    h = await startGateway();

    const first = await h.chat(base);
    const second = await h.chat(base);

    expect(first.json()).toMatchObject({ cached: false });
    expect(first.json().cost_usd).toBeGreaterThan(0);
    expect(second.json()).toMatchObject({ cached: true, cost_usd: 0, text: first.json().text, model: 'claude' });
    expect(h.fake.requests).toHaveLength(1);
  });

  it('never hits across different parameters', async () => {
    h = await startGateway();
    const variants = [
      {},
      { temperature: 0.1 },
      { temperature: 0.9 },
      { max_tokens: 100 },
      { top_p: 0.5 },
      { stop: ['END'] },
      { system: 'Answer in Japanese.' },
      { model: 'haiku' },
      { images: [{ media_type: 'image/png', data: PNG }] },
      { message: 'Recommend a manga like Pluto' },
      { context: [{ id: 'kb-1', text: 'Monster is by Naoki Urasawa.' }] },
    ];

    for (const v of variants) await h.chat({ ...base, ...v });
    const answers = await Promise.all(variants.map((v) => h!.chat({ ...base, ...v })));

    expect(h.fake.requests).toHaveLength(variants.length);
    expect(answers.map((a) => a.json().cached ?? a.json())).toEqual(variants.map(() => true));
  });

  it("keeps each tenant's answers to itself unless the cache is shared", async () => {
    h = await startGateway();
    const otherTenant = await h.newKey('globex');
    const sameTenantOtherKey = await h.newKey('acme');

    await h.chat(base);
    const other = await h.chat(base, { key: otherTenant });
    const sibling = await h.chat(base, { key: sameTenantOtherKey });

    expect(other.json().cached).toBe(false);
    expect(sibling.json().cached).toBe(true);
    expect(h.fake.requests).toHaveLength(2);
  });

  it('shares answers across tenants when configured shared', async () => {
    h = await startGateway({ fm: { cache: { shared: true } } });
    const otherTenant = await h.newKey('globex');

    await h.chat(base);
    const other = await h.chat(base, { key: otherTenant });

    expect(other.json().cached).toBe(true);
  });

  it('replays a cached answer as a stream with its original chunking', async () => {
    h = await startGateway();
    h.fake.script({ reply: 'Try Pluto, also by Urasawa.' });
    const sse = { headers: { accept: 'text/event-stream' } };

    const live = parseSse((await h.chat(base, sse)).body);
    const replay = parseSse((await h.chat(base, sse)).body);
    const chunks = (events: typeof live) => events.filter((e) => e.event === 'chunk').map((e) => e.data.text);

    expect(chunks(replay)).toEqual(chunks(live));
    expect(chunks(live).length).toBeGreaterThan(3);
    expect(replay[0]).toMatchObject({ event: 'start', data: { cached: true } });
    expect(replay.at(-1)).toMatchObject({ event: 'complete', data: { cached: true, cost_usd: 0 } });
    expect(h.fake.requests).toHaveLength(1);
  });

  it('bypasses the cache with skip_cache, and never stores an answer cut by max_tokens', async () => {
    h = await startGateway();
    h.fake.script({ reply: 'one two three four five six' });

    await h.chat(base);
    const skipped = await h.chat({ ...base, skip_cache: true });
    await h.chat({ ...base, max_tokens: 2 });
    const cut = await h.chat({ ...base, max_tokens: 2 });

    expect(skipped.json().cached).toBe(false);
    expect(cut.json()).toMatchObject({ cached: false, stop_reason: 'max_tokens' });
    expect(h.fake.requests).toHaveLength(4);
  });
});
