import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { ADMIN_KEY } from '../support/hashi.ts';
import { startGateway, type GatewayHarness } from './harness.ts';
import { WsTestClient } from './ws-client.ts';

describe('usage reporting (GET /v1/usage, /admin/usage, hashi usage)', () => {
  let h: GatewayHarness;
  let globexKey: string;
  let secondAcmeKey: string;
  beforeAll(async () => {
    h = await startGateway();
    globexKey = await h.newKey('globex');
    secondAcmeKey = await h.newKey('acme');
    h.fake.script({ reply: 'ok', usage: { inputTokens: 1000, outputTokens: 100 } });
    await h.chat({ message: 'a', model: 'haiku' });
    await h.chat({ message: 'a', model: 'haiku' }); // cached: costs nothing
    await h.chat({ message: 'b', model: 'llama' }, { key: secondAcmeKey }); // unpriced
    await h.chat({ message: 'c', model: 'claude' }, { key: globexKey });
  });
  afterAll(() => h.close());

  const get = (url: string, headers: Record<string, string>) => h.app.inject({ method: 'GET', url, headers });

  it("shows a tenant its own calls by model: tokens, cached calls, cost, and unpriced calls as unpriced", async () => {
    const res = await get('/v1/usage?group_by=model', { 'x-api-key': h.key });

    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.tenant).toBe('acme');
    expect(report.groups.map((g: { group: string; calls: number; cachedCalls: number; unpricedCalls: number; costUsd: number | null }) => [g.group, g.calls, g.cachedCalls, g.unpricedCalls, g.costUsd])).toEqual([
      ['haiku', 2, 1, 0, (1000 * 0.25 + 100 * 1.25) / 1e6],
      ['llama', 1, 0, 1, null],
    ]);
    expect(report.totals).toMatchObject({ calls: 3, inputTokens: 3000, outputTokens: 300 });
  });

  it('groups by key and by day, and refuses another tenant to a key', async () => {
    const byKey = (await get('/v1/usage?group_by=key', { 'x-api-key': h.key })).json();
    const byDay = (await get('/v1/usage?group_by=day&from=2026-03-10&to=2026-03-10', { 'x-api-key': h.key })).json();
    const nextDay = (await get('/v1/usage?group_by=day&from=2026-03-11', { 'x-api-key': h.key })).json();
    const snooping = await get('/v1/usage?tenant=globex', { 'x-api-key': h.key });

    expect(byKey.groups.map((g: { calls: number }) => g.calls).sort()).toEqual([1, 2]);
    expect(byDay.groups.map((g: { group: string; calls: number }) => [g.group, g.calls])).toEqual([['2026-03-10', 3]]);
    expect(nextDay.groups).toEqual([]);
    expect([snooping.statusCode, snooping.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('shows the admin every tenant', async () => {
    const res = await get('/admin/usage?group_by=tenant', { 'x-admin-key': ADMIN_KEY });

    expect(res.json().groups.map((g: { group: string; calls: number }) => [g.group, g.calls])).toEqual([['acme', 3], ['globex', 1]]);
  });

  it('hashi usage reads the same store (table and --json)', async () => {
    const config = join(h.hashi.config.dataDir, 'cli.yaml');
    writeFileSync(config, 'log:\n  level: silent\n');
    const base = ['usage', '--config', config, '--data-dir', h.hashi.config.dataDir];

    const [json, table, bad] = await Promise.all([
      runCli([...base, '--by', 'tenant', '--json']),
      runCli([...base, '--tenant', 'acme', '--by', 'model']),
      runCli([...base, '--by', 'colour']),
    ]);

    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).groups.map((g: { group: string }) => g.group)).toEqual(['acme', 'globex']);
    expect(table.stdout).toMatch(/haiku\s+2\s+1\s+2000\s+200\s+\$0\.000375/);
    expect(table.stdout).toMatch(/llama\s+1\s+0\s+1000\s+100\s+unpriced/);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--by: must be one of')]);
  }, 90_000);
});

describe('usage of streams that break or are cancelled after they started', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(() => h.close());

  const rows = async () => {
    await h.hashi.fm.flush();
    return h.hashi.store.db
      .withTables<{ fm_usage: { at: number; stop_reason: string; input_tokens: number; output_tokens: number; cost_usd: number | null; model: string } }>()
      .selectFrom('fm_usage')
      .select(['stop_reason', 'input_tokens', 'output_tokens', 'cost_usd', 'model'])
      .orderBy('at')
      .execute();
  };

  it('records an interrupted stream with estimated tokens and cost (the provider billed what it sent), and a cancelled one', async () => {
    h.fake.script({ reply: 'one two three four five six seven eight', fault: { type: 'reset', afterDeltas: 2 }, times: 1 });
    const broken = await h.chat({ message: 'count to eight', model: 'haiku' }, { headers: { accept: 'text/event-stream' } });
    expect(broken.body).toContain('FM_PROVIDER_STREAM_BROKEN');

    h.fake.script({ reply: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), tokensPerSecond: 20, times: 1 });
    const url = `${(await h.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws')}/v1/chat/ws?api_key=${h.key}`;
    const ws = await WsTestClient.connect(url);
    await ws.waitFor((m) => m.type === 'ready');
    ws.send({ type: 'chat', id: 'long', message: 'tell me everything', model: 'haiku' });
    await ws.waitFor((m) => m.id === 'long' && m.type === 'chunk');
    ws.send({ type: 'cancel' });
    expect((await ws.turn('long')).at(-1).type).toBe('cancelled');
    ws.socket.close();

    const [interrupted, cancelled] = await rows();
    expect(interrupted).toMatchObject({ stop_reason: 'interrupted', model: 'haiku' });
    expect(interrupted!.input_tokens).toBeGreaterThan(0);
    expect(interrupted!.output_tokens).toBeGreaterThan(0);
    expect(interrupted!.cost_usd).toBeCloseTo((interrupted!.input_tokens * 0.25 + interrupted!.output_tokens * 1.25) / 1e6, 12);
    expect(cancelled).toMatchObject({ stop_reason: 'cancelled', model: 'haiku' });
    expect(cancelled!.output_tokens).toBeGreaterThan(0);
    const report = (await h.app.inject({ url: '/v1/usage?group_by=model', headers: { 'x-api-key': h.key } })).json();
    expect(report.totals.calls).toBe(2);
  });
});
