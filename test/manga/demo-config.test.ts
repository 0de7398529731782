import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { DEMO_SECRETS } from '../../examples/send-webhook.mjs';
import { OUT_SECRETS, mangaYaml } from './support.ts';
import { runCli } from '../support/cli.ts';

const DEMO = fileURLToPath(new URL('../../examples/hashi.yaml', import.meta.url));

describe('the MangaAssist block of examples/hashi.yaml', () => {
  const demo = loadConfig({ file: DEMO, env: {} });
  const tests = loadConfig({ text: mangaYaml('http://127.0.0.1:8788'), env: {} });

  it('is what the end-to-end tests run: the same sources, rules and subscriptions', () => {
    const rules = (c: typeof demo) => ((c.events as { rules: Array<{ Name: string }> }).rules).filter((r) => r.Name.startsWith('manga-'));
    expect(rules(demo)).toEqual(rules(tests));
    expect(demo.sources).toEqual(tests.sources);
    expect(demo.manga.sources).toEqual({ payments: 'stripe', reviews: 'reviews', catalog: 'catalog' });
    const subs = (c: typeof demo) => c.subscriptions.map((s) => ({ ...s, url: String(s.url).replace(/^http:\/\/127\.0\.0\.1:\d+/, 'local') }));
    expect(subs(demo)).toEqual(subs(tests).map((s, i) => ({ ...s, description: demo.subscriptions[i]!.description })));
  });

  it('uses the documented test secrets unless the environment overrides them', () => {
    const overridden = loadConfig({ file: DEMO, env: { STRIPE_WEBHOOK_SECRET: 'whsec_real', MANGA_CRM_SECRET: 'whsec_cmVhbC1jcm0tc2VjcmV0LXZhbHVlLTAx' } });
    expect([demo.sources.stripe!.secrets, demo.sources.reviews!.secrets, demo.sources.catalog!.secrets]).toEqual([[DEMO_SECRETS.stripe], [DEMO_SECRETS.reviews], [DEMO_SECRETS.catalog]]);
    expect(demo.subscriptions.map((s) => s.secret)).toEqual([OUT_SECRETS.crm, OUT_SECRETS.supplier, OUT_SECRETS.slack]);
    expect(overridden.sources.stripe!.secrets).toEqual(['whsec_real']);
    expect(overridden.subscriptions[0]!.secret).toBe('whsec_cmVhbC1jcm0tc2VjcmV0LXZhbHVlLTAx');
  });
});

describe('hashi manga (the real binary, with the demo configuration)', () => {
  it('seeds the sample catalogue and lists an empty outbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hashi-manga-cli-'));
    const seeded = await runCli(['manga', 'seed', '-c', DEMO, '-d', dataDir, '--json']);
    const mail = await runCli(['manga', 'mail', '-c', DEMO, '-d', dataDir, '--json']);
    const bad = await runCli(['manga', 'seed', '-c', DEMO, '-d', dataDir, '-f', 'examples/manga/payloads/review.json']);

    expect(seeded.code, seeded.stderr).toBe(0);
    expect(JSON.parse(seeded.stdout)).toEqual({ file: 'examples/manga/catalogue.json', products: 450, embedded: 450 });
    expect(JSON.parse(mail.stdout)).toEqual([]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must hold a "products" array');
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
