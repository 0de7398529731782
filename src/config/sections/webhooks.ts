/**
 * The webhook sections: `sources` (inbound), `subscriptions` (outbound) and
 * `webhooks` (settings of both). The four fields of a source definition
 * mirror SOURCE_DEFINITION_SCHEMA of src/webhooks/schemes (a webhooks test
 * checks they stay equal); the rest is what the route needs around them.
 */
const SCHEMES = ['stripe', 'standard-webhooks', 'github', 'shopify', 'slack', 'hmac'] as const;
const JSON_PATH = { type: 'string', pattern: '^\\$', description: 'A JSON path into the payload: $, $.data.object, $.items[0].id.' } as const;

const hmacSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['signatureHeader', 'encoding'],
  description: 'Options of the generic hmac scheme (HMAC-SHA256 over the raw body).',
  properties: {
    signatureHeader: { type: 'string', minLength: 1 },
    timestampHeader: { type: 'string', minLength: 1 },
    encoding: { enum: ['hex', 'base64'] },
    prefix: { type: 'string' },
    payload: { enum: ['body', 'timestamp.body'] },
  },
} as const;

const eventMappingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['detailType'],
  properties: {
    source: { type: 'string', minLength: 1, description: 'Event source (default webhooks.<source name>).' },
    detailType: { type: 'string', minLength: 1, description: 'A literal, or a JSON path ($.type) read from the payload.' },
    detail: { ...JSON_PATH, description: 'JSON path of the detail (default $, the whole payload).' },
    when: { type: 'object', additionalProperties: { type: 'array' }, description: 'Only when each JSON path holds one of the listed values.' },
    bus: { type: 'string', minLength: 1, description: 'EventBusName (default the source bus, else default).' },
  },
} as const;

export const sourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['scheme', 'secrets'],
  properties: {
    scheme: { enum: [...SCHEMES], description: 'How the provider signs its deliveries.' },
    secrets: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Signing secrets; several may be active at once during rotation.' },
    tolerance: { type: 'integer', minimum: 1, default: 300, description: 'Seconds of clock difference accepted, past or future, for timestamped schemes.' },
    hmac: hmacSchema,
    allowIps: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'CIDRs or addresses allowed to deliver (absent or empty: any).' },
    idempotencyKey: {
      type: 'object',
      description: 'Where the idempotency key comes from (default per scheme: the provider delivery id, else a hash of the body).',
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['header'], properties: { header: { type: 'string', minLength: 1 } } },
        { type: 'object', additionalProperties: false, required: ['field'], properties: { field: { type: 'string', minLength: 1 } } },
      ],
    },
    body: { enum: ['json', 'raw'], default: 'json', description: 'json: the body must be JSON; raw: any bytes, passed on as text.' },
    events: { type: 'array', items: eventMappingSchema, description: 'Declarative mapping to events (default: one event, the payload as detail).' },
    enrichment: {
      type: 'object',
      additionalProperties: false,
      description: 'Budget and failure policy of an enricher registered in code for this source.',
      properties: {
        budgetMs: { type: 'integer', minimum: 1, maximum: 10000, default: 2000 },
        onFailure: { enum: ['reject', 'proceed'], default: 'reject', description: 'reject: release the key and answer 503; proceed: accept without it.' },
      },
    },
    bus: { type: 'string', minLength: 1, description: 'EventBusName the events go to (default: default).' },
  },
  allOf: [
    { if: { properties: { scheme: { const: 'hmac' } }, required: ['scheme'] }, then: { required: ['hmac'] } },
    {
      if: { properties: { hmac: { properties: { payload: { const: 'timestamp.body' } }, required: ['payload'] } }, required: ['hmac'] },
      then: { properties: { hmac: { required: ['timestampHeader'] } } },
    },
  ],
} as const;

export const sourcesSchema = {
  type: 'object',
  default: {},
  description: 'Inbound webhook sources, by name (POST /webhooks/:name).',
  additionalProperties: sourceSchema,
} as const;

export const subscriptionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'url', 'pattern'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,48}$' },
    url: { type: 'string', minLength: 1, description: 'http(s) endpoint; must pass the SSRF guard (webhooks.outbound.allow).' },
    pattern: { type: 'object', description: 'EventBridge event pattern selecting the events to send.' },
    secret: { type: 'string', pattern: '^whsec_', description: 'Standard Webhooks signing secret (default: generated once and kept).' },
    enabled: { type: 'boolean', default: true },
    transform: { enum: ['none', 'slack'], default: 'none', description: 'slack: send a Slack incoming-webhook message.' },
    description: { type: 'string' },
    bus: { type: 'string', minLength: 1, description: 'EventBusName of the rule (default: default).' },
  },
} as const;

export const subscriptionsSchema = {
  type: 'array',
  default: [],
  description: 'Outbound webhook subscriptions (also managed at /admin/webhooks/subscriptions).',
  items: subscriptionSchema,
} as const;

export const webhooksSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Inbound idempotency and outbound delivery settings.',
  properties: {
    inbound: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        keyTtlMs: { type: 'integer', minimum: 1000, default: 86400000, description: 'How long a completed idempotency key answers already_processed.' },
        claimLeaseMs: { type: 'integer', minimum: 1000, default: 60000, description: 'A claim stuck this long (a crashed accept) may be taken over.' },
        purgeIntervalMs: { type: 'integer', minimum: 1000, default: 3600000, description: 'How often expired keys are purged.' },
      },
    },
    outbound: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        allow: { type: 'array', items: { type: 'string' }, default: [], description: 'SSRF allow list: CIDRs, addresses, host names or *.suffix.' },
        timeoutMs: { type: 'integer', minimum: 100, default: 10000, description: 'Per-attempt timeout.' },
        retryScheduleMs: {
          type: 'array',
          items: { type: 'integer', minimum: 0 },
          default: [5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000],
          description: 'Delay after each failed attempt (Svix schedule); attempts = length + 1.',
        },
        jitter: { type: 'number', minimum: 0, maximum: 1, default: 0.1, description: 'Up to this fraction is added to each delay at random.' },
        disableAfterMs: { type: 'integer', minimum: 60000, default: 432000000, description: 'A subscription whose attempts all failed this long is disabled.' },
        responseBodyBytes: { type: 'integer', minimum: 0, maximum: 1024, default: 1024, description: 'Bytes of each response kept per attempt.' },
      },
    },
  },
} as const;

/** `webhooks:` after validation (src/webhooks reads it as its WebhooksSettings). */
export interface WebhooksConfig {
  inbound: { keyTtlMs: number; claimLeaseMs: number; purgeIntervalMs: number };
  outbound: { allow: string[]; timeoutMs: number; retryScheduleMs: number[]; jitter: number; disableAfterMs: number; responseBodyBytes: number };
}
