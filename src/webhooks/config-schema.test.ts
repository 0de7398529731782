import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../config/index.ts';
import { SOURCE_DEFINITION_SCHEMA } from './schemes/index.ts';

const withoutDescriptions = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutDescriptions)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'description').map(([k, v]) => [k, withoutDescriptions(v)]))
      : value;

const load = (yaml: string) => loadConfig({ text: yaml, env: {} });

describe('the sources/subscriptions/webhooks config sections', () => {
  it('validates the four source-definition fields exactly as SOURCE_DEFINITION_SCHEMA does', () => {
    const source = (configSchema.properties.sources as unknown as { additionalProperties: { properties: Record<string, unknown>; required: string[]; allOf: unknown } }).additionalProperties;
    const shared = Object.fromEntries(Object.keys(SOURCE_DEFINITION_SCHEMA.properties).map((k) => [k, source.properties[k]]));

    expect(withoutDescriptions(shared)).toEqual(withoutDescriptions(SOURCE_DEFINITION_SCHEMA.properties));
    expect(source.required).toEqual(SOURCE_DEFINITION_SCHEMA.required);
    expect(source.allOf).toEqual(SOURCE_DEFINITION_SCHEMA.allOf);
  });

  it('names a missing secrets list `sources.<name>.secrets: required`, and refuses unknown keys and hmac without options', () => {
    expect(() => load('sources:\n  stripe:\n    scheme: stripe\n')).toThrow('sources.stripe.secrets: required');
    expect(() => load('sources:\n  s:\n    scheme: stripe\n    secrets: [x]\n    colour: blue\n')).toThrow('sources.s.colour: is not a known property');
    expect(() => load('sources:\n  c:\n    scheme: hmac\n    secrets: [x]\n')).toThrow('sources.c.hmac: required');
  });

  it('fills defaults: tolerance 300, json bodies, the Svix schedule, a 10 s timeout, 5 days to auto-disable', () => {
    const config = load('sources:\n  stripe:\n    scheme: stripe\n    secrets: [x]\nsubscriptions:\n  - { id: a, url: "https://example.com/h", pattern: { source: [shop] } }\n');
    expect(config.sources.stripe).toMatchObject({ tolerance: 300, body: 'json' });
    expect(config.subscriptions[0]).toMatchObject({ enabled: true, transform: 'none' });
    expect(config.webhooks.outbound).toEqual({
      allow: [],
      timeoutMs: 10000,
      retryScheduleMs: [5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000],
      jitter: 0.1,
      disableAfterMs: 432000000,
      responseBodyBytes: 1024,
    });
    expect(config.webhooks.inbound).toEqual({ keyTtlMs: 86400000, claimLeaseMs: 60000, purgeIntervalMs: 3600000 });
  });

  it('refuses a subscription without a pattern and a response slice over 1 KB', () => {
    expect(() => load('subscriptions:\n  - { id: a, url: "https://example.com/h" }\n')).toThrow('subscriptions[0].pattern: required');
    expect(() => load('webhooks:\n  outbound:\n    responseBodyBytes: 4096\n')).toThrow('webhooks.outbound.responseBodyBytes');
  });
});
