import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { bearer, ingest, startDesk, type Desk } from './harness.ts';

describe('Support Desk search with provider embeddings', () => {
  let fake: FakeUpstream;
  let desk: Desk;
  beforeAll(async () => {
    fake = await startFakeUpstream();
    const fm = {
      providers: [{ name: 'local', type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'none', embeddingModel: 'bge-small', embeddingDimensions: 16 }],
    };
    desk = await startDesk({ yaml: `fm: ${JSON.stringify(fm)}\nsupport:\n  kb:\n    embeddings: provider\n    embeddingDimensions: 16\n` });
  });
  afterAll(async () => {
    await desk.close();
    await fake.close();
  });

  it('embeds documents and queries through the configured provider (OpenAI-compatible /v1/embeddings)', async () => {
    await ingest(desk);
    const key = (await desk.keys.create({ tenant: 'acme', customerId: 'C1' })).key;
    const embedCalls = () => fake.requests.filter((r) => r.api === 'openai.embeddings');
    // The in-memory index is built from the store on first use, then each query is embedded.
    const search = () => desk.app!.inject({ method: 'POST', url: '/support/v1/kb/search', headers: bearer(key), payload: { query: 'ground fault E101 charger', max_results: 3 } });
    const res = await search();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.length).toBeGreaterThan(0);
    const calls = embedCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[0]!.body).toMatchObject({ model: 'bge-small' });
    const embeddedTexts = calls.flatMap((c) => ([] as unknown[]).concat((c.body as { input: unknown }).input)).length;
    expect(embeddedTexts).toBeGreaterThan(1);
    await search();
    expect(embedCalls().length).toBeGreaterThan(calls.length);
  });
});
