import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { createHashi } from '../../src/main.ts';
import { silentLogger } from '../../src/observability/index.ts';
import { runCli } from '../support/cli.ts';
import { ADMIN_KEY } from '../support/hashi.ts';
import { KB, admin, bearer, ingest, startDesk, type Desk } from './harness.ts';

const ids = (body: { results: Array<{ id: string }> }) => body.results.map((r) => r.id);

// Issue 6 "POST /kb/search { query, filters { product_model?, error_code?, doc_type[]? }, max_results ≤ 50 }" and the reference's build_filters (term / terms filters).
describe('Support Desk: knowledge-base search', () => {
  let desk: Desk;
  let key: string;
  beforeAll(async () => {
    desk = await startDesk();
    await ingest(desk);
    key = (await desk.keys.create({ tenant: 'acme' })).key;
  });
  afterAll(async () => desk.close());

  const search = async (body: Record<string, unknown>) => {
    const res = await desk.app!.inject({ method: 'POST', url: '/support/v1/kb/search', headers: bearer(key), payload: body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('ranks the matching article first, with a highlighted snippet, a score and its metadata', async () => {
    const body = await search({ query: 'residual current device trips', max_results: 3 });
    expect(body.query).toBe('residual current device trips');
    expect(body.mode).toBe('hybrid');
    expect(body.results[0]).toMatchObject({ id: 'ev-e101-ground-fault', title: KB[0]!.title, score: expect.any(Number), metadata: KB[0]!.metadata });
    expect(body.results[0].snippet).toContain('<mark>');
    expect(body.total_results).toBe(body.results.length);
    expect(body.results.length).toBeLessThanOrEqual(3);
  });

  it('applies filters before ranking: error code, product model, doc type (any of), product type', async () => {
    // "overtemperature" matches a charger and a battery article; the error-code filter keeps one.
    expect(ids(await search({ query: 'overtemperature', filters: { error_code: 'E303' } }))).toEqual(['bat-e303-overtemperature']);
    // Only the Home 7 articles: the Pro 22-only E103 article is out even though it matches the query best.
    const home7 = ids(await search({ query: 'overtemperature housing 70 degrees', filters: { product_model: 'VoltBox Home 7' } }));
    expect(home7).not.toContain('ev-e103-overtemperature');
    expect(home7.every((id) => ['ev-e101-ground-fault', 'ev-install-home7'].includes(id))).toBe(true);
    expect(ids(await search({ query: 'residual current device', filters: { doc_type: ['installation'] } }))).toEqual(['ev-install-home7']);
    expect(new Set(ids(await search({ query: 'error', filters: { doc_type: ['installation', 'troubleshooting'], product_type: 'INVERTER' } })))).toEqual(new Set(['inv-e205-insulation']));
    expect(ids(await search({ query: 'residual current', filters: { error_code: 'E999' } }))).toEqual([]);
  });

  it('honours max_results and the bm25 mode', async () => {
    expect((await search({ query: 'error', max_results: 2 })).results).toHaveLength(2);
    const bm25 = await search({ query: 'insulation resistance', mode: 'bm25' });
    expect(bm25.mode).toBe('bm25');
    expect(ids(bm25)[0]).toBe('inv-e205-insulation');
  });

  it('re-ingesting an id replaces the document; deleting removes it', async () => {
    const replaced = { ...KB[4]!, title: 'E303 battery too hot while charging', text: 'Error E303: the battery pauses charging above 55 degrees; it resumes when a cell cools below 45 degrees. Ventilate the room.' };
    const res = await desk.app!.inject({ method: 'POST', url: '/admin/support/kb/documents', headers: admin, payload: { documents: [replaced] } });
    expect(res.json()).toMatchObject({ documents: 1, created: 0, replaced: 1 });
    const found = await search({ query: 'battery too hot', filters: { error_code: 'E303' } });
    expect(found.results.map((r: { title: string }) => r.title)).toEqual(['E303 battery too hot while charging']);

    const del = await desk.app!.inject({ method: 'DELETE', url: '/admin/support/kb/documents/bat-e303-overtemperature', headers: admin });
    expect(del.statusCode).toBe(204);
    expect(ids(await search({ query: 'battery too hot', filters: { error_code: 'E303' } }))).toEqual([]);
    expect((await desk.app!.inject({ method: 'DELETE', url: '/admin/support/kb/documents/bat-e303-overtemperature', headers: admin })).statusCode).toBe(404);
    // Put it back for the other tests.
    await ingest(desk, [KB[4]]);
  });

  it('the admin ingest refuses bad documents (naming them) and needs the admin key', async () => {
    const dup = await desk.app!.inject({ method: 'POST', url: '/admin/support/kb/documents', headers: admin, payload: { documents: [KB[0], KB[0]] } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error).toMatchObject({ code: 'KB_DOCUMENT_INVALID', message: expect.stringContaining('ev-e101-ground-fault appears twice') });
    const nested = await desk.app!.inject({ method: 'POST', url: '/admin/support/kb/documents', headers: admin, payload: { documents: [{ id: 'x', title: 'x', text: 'x', metadata: { deep: { a: 1 } } }] } });
    expect(nested.statusCode).toBe(400);
    const asCustomer = await desk.app!.inject({ method: 'POST', url: '/admin/support/kb/documents', headers: bearer(key), payload: { documents: [KB[0]] } });
    expect(asCustomer.statusCode).toBe(401);
  });
});

describe('Support Desk: ingest from another process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'support-kb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hashi kb ingest (a folder of Markdown, text and .jsonl, with progress) is seen by a running replica after kb.refreshMs', async () => {
    const kbDir = join(dir, 'kb');
    mkdirSync(join(kbDir, 'chargers'), { recursive: true });
    writeFileSync(
      join(kbDir, 'chargers', 'e104.md'),
      '---\nid: ev-e104\nproduct_type: EV_CHARGER\nerror_code: [E104]\ndoc_type: troubleshooting\n---\n# E104 control pilot error\n\nThe control pilot pin is bent or dirty. Clean the pin with a dry cloth.\n',
    );
    writeFileSync(join(kbDir, 'notes.txt'), 'Plain text notes: the wallbox label shows the serial number.\n');
    const jsonl = join(kbDir, 'extra.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ id: 'inv-e209', title: 'E209 fan failure', text: 'The fan grille is blocked by leaves.', metadata: { product_type: 'INVERTER', error_code: ['E209'] } })}\n\n`);

    const data = join(dir, 'data');
    const clock = new FakeClock(Date.UTC(2026, 7, 1));
    const replica = await createHashi(loadConfig({ text: `admin:\n  key: ${ADMIN_KEY}\nlog:\n  level: silent\nsupport:\n  kb:\n    refreshMs: 5000\n`, env: {}, overrides: { dataDir: data } }), { http: true, clock, logger: silentLogger() });
    try {
      const key = (await replica.keys.create({ tenant: 'acme' })).key;
      const search = async (query: string) =>
        (await replica.app!.inject({ method: 'POST', url: '/support/v1/kb/search', headers: bearer(key), payload: { query } })).json().results.map((r: { id: string }) => r.id);
      expect(await search('control pilot pin')).toEqual([]);

      const folder = await runCli(['kb', 'ingest', kbDir, '--data-dir', data]);
      expect(folder.code, folder.stderr).toBe(0);
      expect(folder.stderr).toContain('ingested 3/3');
      expect(folder.stdout).toContain('3 documents (3 new, 0 replaced)');

      // Within refreshMs the replica answers from the index it has; after it, from the store's newer revision.
      expect(await search('control pilot pin')).toEqual([]);
      clock.tick(5000);
      expect((await search('control pilot pin'))[0]).toBe('ev-e104');
      expect(await search('fan grille leaves')).toContain('inv-e209');
      expect(await search('wallbox serial number label')).toContain('notes');
    } finally {
      await replica.stop();
    }
  }, 90_000);
});
