/**
 * What the OpenAPI document says about the fm routes, as route `config.openapi`:
 * documentation only, never compiled into a serializer — the native routes'
 * answers are built here and the wire routes hand back provider bytes, so no
 * schema may reshape them. (fm does not import the http edge: the shared error
 * envelope is referred to by its `$id`.)
 */
const envelope = { $ref: 'ErrorEnvelope#' } as const;
const str = { type: 'string' } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

const usage = { type: 'object', properties: { input_tokens: { type: 'integer' }, output_tokens: { type: 'integer' } } } as const;
const summaryProperties = {
  model: { type: 'string', description: 'The catalog alias that answered.' },
  provider: str,
  provider_model: str,
  usage,
  cost_usd: { type: ['number', 'null'], description: 'null when the model is unpriced.' },
  cached: { type: 'boolean' },
  stop_reason: { type: ['string', 'null'] },
  route: { type: 'string', description: 'Why this model: requested, alias, auto, split, fallback…' },
  split: { type: 'object', properties: { name: str, variant: str } },
  fallback_used: { type: 'boolean' },
  latency_ms: { type: 'number' },
} as const;

const chatResult = {
  title: 'ChatResult',
  type: 'object',
  required: ['id', 'text', 'model'],
  properties: { id: str, text: { type: 'string', description: 'The answer.' }, ...summaryProperties, session_id: str },
} as const;

const chatEvents =
  'Server-sent events: `start` {id, model, provider, provider_model, cached, route, split?, session_id?}, one `chunk` {text} per token delta, then `complete` {id, …the ChatResult fields but text, overhead_ms} — or `error` {id, error {status, code, message}} when the stream breaks after it started.';

const sessionView = {
  title: 'ChatSession',
  type: 'object',
  properties: {
    id: str,
    messages: { type: 'array', items: { type: 'object', properties: { role: { enum: ['user', 'assistant'] }, content: {} } } },
    turns: { type: 'integer', description: 'Completed turns, including trimmed ones.' },
    created_at: str,
    updated_at: str,
    expires_at: str,
  },
} as const;

const usageTotals = {
  calls: { type: 'integer' },
  cachedCalls: { type: 'integer' },
  unpricedCalls: { type: 'integer', description: 'Calls to unpriced models: their cost is unknown, not zero.' },
  inputTokens: { type: 'integer' },
  outputTokens: { type: 'integer' },
  cacheReadTokens: { type: 'integer' },
  cacheWriteTokens: { type: 'integer' },
  costUsd: { ...nullableNumber, description: 'Sum over priced calls; null when none was priced.' },
  avgLatencyMs: nullableNumber,
} as const;

const usageReport = {
  title: 'UsageReport',
  type: 'object',
  properties: {
    groupBy: { enum: ['model', 'key', 'tenant', 'day'] },
    tenant: { type: ['string', 'null'] },
    from: { type: ['string', 'null'] },
    to: { type: ['string', 'null'] },
    groups: { type: 'array', items: { type: 'object', properties: { group: { type: ['string', 'null'], description: 'The model alias, key id, tenant or UTC day.' }, ...usageTotals } } },
    totals: { type: 'object', properties: usageTotals },
  },
} as const;

export const chatDocs = {
  responses: {
    200: {
      description: 'The answer as JSON, or as server-sent events (`stream: true` or `Accept: text/event-stream`).',
      content: { 'application/json': { schema: chatResult }, 'text/event-stream': { schema: { type: 'string', description: chatEvents } } },
    },
    ...errors(404, 422, 502, 503, 504),
  },
};

export const chatStreamDocs = {
  responses: { 200: { description: chatEvents, content: { 'text/event-stream': { schema: { type: 'string', description: chatEvents } } } }, ...errors(404, 422, 502, 503, 504) },
};

export const sessionDocs = { responses: { 200: sessionView, ...errors(404) } };
export const sessionDeleteDocs = { responses: { 204: { type: 'null', description: 'Forgotten.' }, ...errors(404) } };
export const usageDocs = { responses: { 200: usageReport, ...errors(403) } };

/** GET /v1/chat/ws: the upgrade, and the frames each way (OpenAPI has no WebSocket: `x-websocket`). */
export function webSocketDocs(clientFrames: readonly unknown[]) {
  const frame = (type: string, properties: Record<string, unknown> = {}, description?: string) => ({
    type: 'object',
    required: ['type'],
    properties: { type: { const: type }, ...properties },
    ...(description ? { description } : {}),
  });
  const wireError = { status: { type: 'integer' }, code: str, message: str, details: {}, retryAfterSeconds: { type: 'number' } };
  return {
    description: [
      'Chat over a WebSocket. Authentication happens after the upgrade with the edge’s own schemes: `Authorization: Bearer`, `x-api-key`, or `?api_key=` (browsers cannot set WebSocket headers; a header wins). A bad or missing credential closes with **1008** and the reason; on success the server sends `ready`.',
      'Each turn is charged to the key’s usage plan like one HTTP request; one turn runs at a time (`cancel` aborts it). An `images` entry without `data` announces binary frames: the next binary frames are those images, in order.',
      'Close codes: 1000 normal, 1001 server shutting down, 1008 authentication or an unannounced binary frame, 1009 a frame over `fm.websocket.maxPayloadBytes`, 1011 internal error. The client and server messages are JSON text frames, described in `x-websocket`.',
    ].join('\n\n'),
    querystring: { type: 'object', properties: { api_key: { type: 'string', description: 'The API key, for clients that cannot set headers (redacted from logs).' } } },
    headers: {
      type: 'object',
      required: ['upgrade', 'connection'],
      properties: { upgrade: { const: 'websocket' }, connection: { type: 'string', description: 'Upgrade' }, 'sec-websocket-key': str, 'sec-websocket-version': { const: '13' } },
    },
    responses: {
      101: { type: 'null', description: 'Switching Protocols: the socket is open; authentication follows (see the description).' },
      404: { ...envelope, description: 'A plain GET without the WebSocket upgrade.' },
    },
    'x-websocket': {
      client: { oneOf: clientFrames },
      server: {
        oneOf: [
          frame('ready', { tenant: str }, 'Authenticated: turns may start.'),
          frame('start', { id: str, model: str, provider: str, provider_model: str, cached: { type: 'boolean' }, route: str, session_id: str }, 'The turn started (an app turn sends its own fields).'),
          frame('chunk', { id: str, text: str }, 'A text delta.'),
          frame('complete', { id: str, ...summaryProperties, overhead_ms: { type: 'number' }, session_id: str }, 'The turn finished: usage and cost (an app turn sends its own fields).'),
          frame('error', { id: str, ...wireError }, 'A turn or a frame failed; the socket stays open (429 with retryAfterSeconds when the plan is spent).'),
          frame('cancelled', { id: str }, 'The turn was cancelled by the client.'),
          frame('pong', {}, 'The answer to a `ping` frame.'),
        ],
      },
    },
  };
}

function errors(...statuses: number[]): Record<number, typeof envelope> {
  return Object.fromEntries(statuses.map((s) => [s, envelope]));
}
