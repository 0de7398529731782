import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { PIPELINE_OPTIONS_SCHEMA } from './schema.ts';
import { ROUTING_SCHEMA } from '../routing/index.ts';
import type { PipelineOptions } from './types.ts';

describe('configuration schemas', () => {
  it('accept the documented options and reject typos and nonsense', () => {
    const validate = new Ajv({ strict: true }).compile(PIPELINE_OPTIONS_SCHEMA);
    const options: PipelineOptions = {
      timeouts: { timeoutMs: 10_000, idleTimeoutMs: 5_000 },
      retry: { retries: 2 },
      retryBudget: { ratio: 0.2 },
      breaker: { failureThreshold: 5, openMs: 30_000 },
      concurrency: { maxConcurrent: 100, maxPending: 50 },
      cache: { ttlMs: 300_000, shared: false },
      budgets: { key: { dailyUsd: 5 }, tenants: { acme: { monthlyUsd: 500 } } },
      defaultDeadlineMs: 29_000,
    };

    expect(validate(options)).toBe(true);
    expect(validate({ retry: { retrys: 2 } })).toBe(false);
    expect(validate({ budgets: { key: { dailyUsd: -1 } } })).toBe(false);
  });

  it('validate the routing section', () => {
    const validate = new Ajv({ strict: true }).compile(ROUTING_SCHEMA);

    expect(validate({ splits: { chat: { variants: [{ model: 'haiku', weight: 80 }, { model: 'sonnet', weight: 20 }] } }, fallbacks: { sonnet: ['haiku'] } })).toBe(true);
    expect(validate({ splits: { chat: { variants: [] } } })).toBe(false);
    expect(validate({ auto: { wordThreshold: -1 } })).toBe(false);
  });
});
