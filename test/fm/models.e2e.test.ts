import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayHarness } from './harness.ts';

// GET /v1/models answers each official client in its own list shape, from the same catalog.
describe('GET /v1/models for both SDKs', () => {
  let h: GatewayHarness;
  let url: string;
  beforeAll(async () => {
    h = await startGateway();
    url = await h.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => h.close());

  it('lists catalog aliases, auto and embedding models to the openai client', async () => {
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: h.key, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);

    expect(ids).toEqual(expect.arrayContaining(['haiku', 'claude', 'llama', 'auto']));
    expect(await client.models.retrieve('claude')).toMatchObject({ id: 'claude', object: 'model', owned_by: 'anthropic' });
  });

  it('lists the same models to the Anthropic client in its shape, and retrieves one', async () => {
    const client = new Anthropic({ baseURL: url, apiKey: h.key, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    const one = await client.models.retrieve('claude');

    expect(ids).toEqual(expect.arrayContaining(['haiku', 'claude', 'llama', 'auto']));
    expect(one).toMatchObject({ type: 'model', id: 'claude', display_name: 'claude' });
    await expect(client.models.retrieve('gpt-9')).rejects.toMatchObject({ status: 404 });
  });
});
