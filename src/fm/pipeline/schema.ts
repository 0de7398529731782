/**
 * JSON Schema fragment for the JSON-able part of PipelineOptions (hashi.yaml
 * `fm.resilience`, `fm.cache`, `fm.budgets`…). Defaults match the code.
 */
const ms = (def: number, min = 1) => ({ type: 'integer', minimum: min, default: def }) as const;
const usd = { type: 'number', minimum: 0 } as const;
const limits = {
  type: 'object',
  additionalProperties: false,
  properties: { dailyUsd: usd, monthlyUsd: usd },
} as const;

export const PIPELINE_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: { timeoutMs: ms(10_000), firstByteTimeoutMs: ms(10_000), idleTimeoutMs: ms(10_000) },
    },
    retry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        retries: { type: 'integer', minimum: 0, maximum: 10, default: 2 },
        baseDelayMs: ms(1000, 0),
        maxDelayMs: ms(8000, 0),
      },
    },
    retryBudget: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ratio: { type: 'number', minimum: 0, maximum: 1, default: 0.2 },
        minRetries: { type: 'integer', minimum: 0, default: 10 },
        windowMs: ms(10_000, 1000),
      },
    },
    breaker: {
      type: 'object',
      additionalProperties: false,
      properties: { failureThreshold: { type: 'integer', minimum: 1, default: 5 }, openMs: ms(30_000) },
    },
    concurrency: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxConcurrent: { type: 'integer', minimum: 1, default: 100 },
        maxPending: { type: 'integer', minimum: 0, default: 50 },
        retryAfterSeconds: { type: 'integer', minimum: 1, default: 1 },
      },
    },
    cache: {
      type: 'object',
      additionalProperties: false,
      properties: { ttlMs: ms(300_000), shared: { type: 'boolean', default: false } },
    },
    budgets: {
      type: 'object',
      additionalProperties: false,
      properties: {
        key: limits,
        tenant: limits,
        keys: { type: 'object', additionalProperties: limits },
        tenants: { type: 'object', additionalProperties: limits },
      },
    },
    defaultDeadlineMs: ms(29_000),
  },
} as const;
