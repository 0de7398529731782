import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { createCatalog, MODEL_CATALOG_SCHEMA } from './index.ts';
import type { ModelCatalogConfig } from './index.ts';

// Prices from the MangaAssist design (seed 000): Haiku $0.25/$1.25, Sonnet $3/$15 per 1M tokens.
const config: ModelCatalogConfig = {
  haiku: {
    provider: 'bedrock',
    model: 'anthropic.claude-3-haiku-20240307-v1:0',
    maxTokens: 1024,
    temperature: 0.3,
    price: { inputPerMillion: 0.25, outputPerMillion: 1.25 },
  },
  sonnet: {
    provider: 'bedrock',
    model: 'anthropic.claude-3-sonnet-20240229-v1:0',
    maxTokens: 2048,
    temperature: 0.5,
    price: { inputPerMillion: 3, outputPerMillion: 15 },
  },
  llama: { provider: 'local-ollama', model: 'llama3.2:3b' },
  'haiku-creative': { provider: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', temperature: 0.9 },
};

describe('catalog', () => {
  it('resolves an alias to provider, model id, defaults and price', () => {
    const catalog = createCatalog(config);

    const entry = catalog.require('sonnet');

    expect(entry).toMatchObject({
      alias: 'sonnet',
      provider: 'bedrock',
      modelId: 'anthropic.claude-3-sonnet-20240229-v1:0',
      maxTokens: 2048,
      temperature: 0.5,
      price: { inputPerMillion: 3, outputPerMillion: 15 },
    });
  });

  it('resolves a provider model id to the first alias declared for it', () => {
    const catalog = createCatalog(config);

    expect(catalog.resolve('anthropic.claude-3-haiku-20240307-v1:0')?.alias).toBe('haiku');
  });

  it('marks a model without a price as unpriced (null), not free', () => {
    const catalog = createCatalog(config);

    const llama = catalog.require('llama');

    expect(llama.price).toBeNull();
    expect(llama.maxTokens).toBe(1024);
  });

  it('refuses an unknown model with FM_UNKNOWN_MODEL (400)', () => {
    const catalog = createCatalog(config);

    expect(() => catalog.require('gpt-9')).toThrow(expect.objectContaining({ code: 'FM_UNKNOWN_MODEL', status: 400 }));
    expect(catalog.resolve('gpt-9')).toBeUndefined();
  });

  it('refuses the reserved alias auto', () => {
    expect(() => createCatalog({ auto: { provider: 'x', model: 'y' } })).toThrow(
      expect.objectContaining({ code: 'FM_CATALOG_INVALID' }),
    );
  });

  it('ships a JSON Schema that accepts the example and rejects malformed entries', () => {
    const validate = new Ajv({ strict: true }).compile(MODEL_CATALOG_SCHEMA);

    expect(validate(config)).toBe(true);
    expect(validate({ haiku: { provider: 'bedrock' } })).toBe(false);
    expect(validate({ haiku: { provider: 'b', model: 'm', price: { inputPerMillion: -1, outputPerMillion: 1 } } })).toBe(false);
    expect(validate({ auto: { provider: 'b', model: 'm' } })).toBe(false);
    expect(validate({ haiku: { provider: 'b', model: 'm', colour: 'red' } })).toBe(false);
  });
});
