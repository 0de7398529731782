/**
 * The `fm:` section: providers, the model catalog, routing, cache,
 * resilience, budgets and sessions. These fragments are the only copy: the fm
 * folder imports them (config is the lower layer) for its own validation.
 */

/** One provider definition (fm's PROVIDER_DEFINITION_SCHEMA). */
export const fmProviderSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'How routes and logs refer to this provider.' },
    type: { enum: ['bedrock', 'bedrock-invoke', 'anthropic', 'openai', 'offline'], description: 'Which backend adapter to use.' },
    region: { type: 'string', minLength: 1, description: 'Bedrock region; default: the AWS SDK region chain.' },
    endpoint: { type: 'string', format: 'uri', description: 'Bedrock endpoint override.' },
    baseUrl: { type: 'string', format: 'uri', description: 'Anthropic / OpenAI-compatible base URL (OpenAI-compatible includes /v1).' },
    apiKey: { type: 'string', minLength: 1, description: 'API key (use ${ENV} interpolation, never a literal).' },
    credentials: {
      type: 'object',
      additionalProperties: false,
      required: ['accessKeyId', 'secretAccessKey'],
      properties: {
        accessKeyId: { type: 'string', minLength: 1 },
        secretAccessKey: { type: 'string', minLength: 1 },
        sessionToken: { type: 'string', minLength: 1 },
      },
      description: 'Static AWS credentials; default: the AWS SDK credential chain.',
    },
    embeddingModel: { type: 'string', minLength: 1, description: 'Enables embeddings (Titan model id on Bedrock).' },
    embeddingDimensions: { type: 'integer', minimum: 1, maximum: 8192, description: 'Requested embedding size, where the model supports it.' },
    timeoutMs: { type: 'integer', minimum: 1, description: 'Per-call socket timeout in milliseconds.' },
    supportsImages: { type: 'boolean', description: 'Override whether routing may send images here.' },
  },
} as const;

/** USD per million tokens (a catalog model's price, and the unpriced fallback). */
const priceSchema = {
  type: 'object',
  required: ['inputPerMillion', 'outputPerMillion'],
  additionalProperties: false,
  properties: {
    inputPerMillion: { type: 'number', minimum: 0, description: 'Input tokens (prompt-cache reads and writes not included).' },
    outputPerMillion: { type: 'number', minimum: 0 },
    cacheReadPerMillion: { type: 'number', minimum: 0, description: 'Prompt-cache reads; default: the input price (never less than any provider charges).' },
    cacheWritePerMillion: { type: 'number', minimum: 0, description: "Prompt-cache writes; default: 1.25 × the input price (Anthropic's and Bedrock's 5-minute cache; 1-hour writes cost 2×)." },
  },
} as const;

/** The model catalog (fm's MODEL_CATALOG_SCHEMA). */
export const fmModelsSchema = {
  type: 'object',
  description: 'Model aliases (e.g. haiku, sonnet) mapped to a provider, model id, defaults and prices.',
  propertyNames: { pattern: '^[a-z0-9][a-z0-9._-]*$', not: { enum: ['auto'] } },
  additionalProperties: {
    type: 'object',
    required: ['provider', 'model'],
    additionalProperties: false,
    properties: {
      provider: { type: 'string', minLength: 1, description: 'Provider name from fm.providers.' },
      model: { type: 'string', minLength: 1, description: "The provider's model id." },
      maxTokens: { type: 'integer', minimum: 1, default: 1024, description: 'Default max output tokens.' },
      temperature: { type: 'number', minimum: 0, maximum: 2, description: 'Default temperature.' },
      topP: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'Default top-p.' },
      price: { ...priceSchema, description: 'USD per million tokens; omit for an unpriced model.' },
    },
  },
} as const;

const canarySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    windowMs: { type: 'integer', minimum: 1000, default: 300_000 },
    minSamples: { type: 'integer', minimum: 1, default: 20 },
    maxErrorRate: { type: 'number', minimum: 0, maximum: 1, default: 0.05 },
  },
} as const;

/** Routing (fm's ROUTING_SCHEMA). */
export const fmRoutingSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    defaultModel: { type: 'string', minLength: 1, default: 'auto' },
    auto: {
      type: 'object',
      additionalProperties: false,
      properties: {
        small: { type: 'string', minLength: 1, default: 'haiku' },
        large: { type: 'string', minLength: 1, default: 'sonnet' },
        wordThreshold: { type: 'integer', minimum: 0, default: 200 },
        keywords: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['analyze', 'compare', 'explain why', 'summarize', 'recommend based on'] },
      },
    },
    splits: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['variants'],
        additionalProperties: false,
        properties: {
          variants: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['model', 'weight'],
              additionalProperties: false,
              properties: { model: { type: 'string', minLength: 1 }, weight: { type: 'number', minimum: 0 } },
            },
          },
          canary: canarySchema,
        },
      },
    },
    fallbacks: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } } },
    canary: canarySchema,
  },
} as const;

// The parts of fm's PIPELINE_OPTIONS_SCHEMA that hashi.yaml sets.
const ms = (def: number, min = 1) => ({ type: 'integer', minimum: min, default: def }) as const;
const usd = { type: 'number', minimum: 0 } as const;
const limits = {
  type: 'object',
  additionalProperties: false,
  properties: { dailyUsd: usd, monthlyUsd: usd },
} as const;

export const fmPipelineParts = {
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
      unpriced: {
        enum: ['refuse', 'fallback'],
        default: 'refuse',
        description: 'A model without a price, for a caller with a USD limit: refuse it (FM_MODEL_UNPRICED), or charge it at fallbackPrice.',
      },
      fallbackPrice: { ...priceSchema, description: 'What budgets charge for unpriced models when unpriced is fallback.' },
    },
    if: { type: 'object', properties: { unpriced: { const: 'fallback' } }, required: ['unpriced'] },
    then: { type: 'object', properties: { fallbackPrice: true }, required: ['fallbackPrice'] },
  },
} as const;

const described = <T extends object>(node: T, description: string) => ({ ...node, default: {}, description });
const p = fmPipelineParts;

export const fmSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Foundation models: providers, catalog, routing, cache, resilience, budgets, sessions.',
  properties: {
    providers: {
      type: 'array',
      default: [],
      description: 'Provider definitions (bedrock, bedrock-invoke, anthropic, openai, offline); none: one offline provider named "offline".',
      items: fmProviderSchema,
    },
    models: {
      ...fmModelsSchema,
      default: {},
      description: 'Model aliases → provider, model id, defaults, prices per million tokens; none: haiku and sonnet both on the offline provider.',
    },
    routing: described(fmRoutingSchema, 'Default model (an alias, a split or auto), the auto heuristic, weighted splits, fallback chains, canary rollback.'),
    cache: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Exact response cache (memory, or Redis when cache.url is set).',
      properties: {
        enabled: { type: 'boolean', default: true, description: 'Cache complete answers (end_turn / stop_sequence).' },
        ...p.cache.properties,
      },
    },
    resilience: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Per-provider timeouts, retries with a retry budget, circuit breaker and concurrency limit.',
      properties: {
        timeouts: described(p.timeouts, 'Total (JSON), first-byte and between-chunk (stream) timeouts per attempt.'),
        retry: described(p.retry, 'Retries on 5xx, 429, throttling and resets, with exponential backoff.'),
        retryBudget: described(p.retryBudget, 'Retries allowed per window: minRetries + ratio × requests.'),
        breaker: described(p.breaker, 'Consecutive failures open a provider model circuit for openMs, then one trial.'),
        concurrency: described(p.concurrency, 'In-flight calls per provider and a bounded pending queue (beyond it: 503).'),
      },
    },
    budgets: {
      ...p.budgets,
      default: {},
      description: 'USD budgets per key and per tenant (dailyUsd, monthlyUsd); keys/tenants override by id.',
      properties: {
        ...p.budgets.properties,
        staleHoldMs: { type: 'integer', minimum: 60000, default: 600000, description: 'A reservation older than this (a request that never ended) is released.' },
        ledger: {
          type: 'object',
          additionalProperties: false,
          default: {},
          description: 'The leased budget ledger: reservations and settlements are counted in memory against allowances leased from the store, written in the background.',
          properties: {
            flushIntervalMs: { type: 'integer', minimum: 10, maximum: 60000, default: 200, description: 'How often settled spend is written and leases renewed, grown or trimmed.' },
            leaseTtlMs: { type: 'integer', minimum: 1000, default: 10000, description: "A process's lease not renewed for this long (it crashed) stops counting." },
            leaseFraction: { type: 'number', exclusiveMinimum: 0, maximum: 0.5, default: 0.01, description: 'Spare allowance a process keeps while a budget is ample, as a share of the limit (room for 16 asks if that is more; at most 10 %).' },
            idleMs: { type: 'integer', minimum: 0, default: 5000, description: 'A budget scope unused this long keeps no spare.' },
          },
        },
      },
    },
    usage: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Per-call usage rows (GET /v1/usage, hashi usage).',
      properties: {
        retentionDays: { type: 'integer', minimum: 0, default: 400, description: 'Rows older than this are purged by the sweep (0: keep forever).' },
      },
    },
    websocket: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'WS /v1/chat/ws: keep-alive and backpressure.',
      properties: {
        pingIntervalMs: { type: 'integer', minimum: 100, default: 30000, description: 'Protocol ping interval; a peer that missed the previous pong is dropped.' },
        maxBufferedBytes: { type: 'integer', minimum: 1024, default: 1048576, description: 'Stop pulling tokens while more than this waits for a slow client.' },
        maxPayloadBytes: { type: 'integer', minimum: 1024, default: 8388608, description: 'Largest frame accepted (text or binary image).' },
      },
    },
    sessions: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Chat sessions (session_id): stored history per tenant.',
      properties: {
        ttlSeconds: { type: 'integer', minimum: 1, default: 86400, description: 'A session expires this long after its last turn.' },
        maxMessages: { type: 'integer', minimum: 2, default: 40, description: 'History kept per session (the oldest turns are dropped).' },
      },
    },
  },
} as const;
