import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../config/index.ts';
import { MODEL_CATALOG_SCHEMA } from './catalog/index.ts';
import { OFFLINE_MODELS, OFFLINE_PROVIDER, resolveFmConfig } from './config.ts';
import { PIPELINE_OPTIONS_SCHEMA } from './pipeline/index.ts';
import { PROVIDER_DEFINITION_SCHEMA } from './providers/index.ts';
import { ROUTING_SCHEMA } from './routing/index.ts';

type Node = { properties: Record<string, Node>; items: Node; [k: string]: unknown };
const fmSection = (configSchema.properties.fm as unknown as Node).properties;
/** The config copies add a top-level default and description (for hashi.default.yaml); the rest must match. */
const bare = (node: Node, drop: string[] = []) => {
  const { default: _d, description: _s, ...rest } = node;
  const properties = { ...(rest.properties as Record<string, Node>) };
  for (const name of drop) delete properties[name];
  return { ...rest, properties };
};

describe('fm config section', () => {
  it('embeds exact copies of the fm fragments', () => {
    const pipeline = PIPELINE_OPTIONS_SCHEMA.properties;
    const resilience = fmSection.resilience!.properties;

    expect(fmSection.providers!.items).toEqual(PROVIDER_DEFINITION_SCHEMA);
    expect({ ...fmSection.models, default: undefined, description: MODEL_CATALOG_SCHEMA.description }).toEqual({ ...MODEL_CATALOG_SCHEMA, default: undefined });
    expect(bare(fmSection.routing!)).toEqual(ROUTING_SCHEMA);
    for (const part of ['timeouts', 'retry', 'retryBudget', 'breaker', 'concurrency'] as const) {
      expect(bare(resilience[part]!), part).toEqual(pipeline[part]);
    }
    expect(bare(fmSection.budgets!, ['staleHoldMs', 'ledger'])).toEqual(pipeline.budgets);
    expect(bare(fmSection.cache!, ['enabled'])).toEqual(pipeline.cache);
  });

  it('validates a full section and fills the defaults', () => {
    const config = loadConfig({
      env: { KEY: 'sk-test' },
      text: [
        'fm:',
        '  providers:',
        '    - { name: local, type: openai, baseUrl: "http://127.0.0.1:11434/v1", apiKey: "${KEY}" }',
        '  models:',
        '    small: { provider: local, model: "llama3.2:3b" }',
        '  routing: { defaultModel: small }',
        '  budgets: { tenant: { dailyUsd: 5 } }',
      ].join('\n'),
    });

    expect(config.fm).toMatchObject({
      providers: [{ name: 'local', type: 'openai', apiKey: 'sk-test' }],
      models: { small: { provider: 'local', model: 'llama3.2:3b', maxTokens: 1024 } },
      routing: { defaultModel: 'small' },
      cache: { enabled: true, ttlMs: 300_000, shared: false },
      resilience: { retry: { retries: 2 }, breaker: { failureThreshold: 5, openMs: 30_000 }, timeouts: { timeoutMs: 10_000 } },
      budgets: { tenant: { dailyUsd: 5 }, staleHoldMs: 600_000 },
      sessions: { ttlSeconds: 86_400, maxMessages: 40 },
    });
  });

  it('refuses an unknown provider type and the reserved alias auto', () => {
    const load = (text: string) => () => loadConfig({ env: {}, text });

    expect(load('fm:\n  providers: [{ name: x, type: gemini }]')).toThrow(/fm\.providers\[0\]\.type/);
    expect(load('fm:\n  models:\n    auto: { provider: offline, model: m }')).toThrow(/fm\.models/);
  });
});

describe('resolveFmConfig', () => {
  it('runs offline with no configuration: one offline provider, haiku and sonnet on it', () => {
    const resolved = resolveFmConfig(loadConfig({ env: {} }).fm);

    expect(resolved.providers).toEqual([OFFLINE_PROVIDER]);
    expect(resolved.models).toEqual(OFFLINE_MODELS);
  });

  it('adds the offline provider when providers are configured but no catalog', () => {
    const resolved = resolveFmConfig({ providers: [{ name: 'anthropic', type: 'anthropic' }] });

    expect(resolved.providers.map((p) => p.name)).toEqual(['anthropic', 'offline']);
  });

  it('leaves a configured catalog and its providers alone', () => {
    const resolved = resolveFmConfig({ providers: [{ name: 'a', type: 'anthropic' }], models: { m: { provider: 'a', model: 'claude' } } });

    expect(resolved.providers.map((p) => p.name)).toEqual(['a']);
    expect(resolved.models).toEqual({ m: { provider: 'a', model: 'claude' } });
  });
});
