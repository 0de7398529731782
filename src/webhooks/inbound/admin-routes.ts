import type { FastifyInstance } from 'fastify';
import { anyJson, errorResponses, listOf, openObject } from '../../http/index.ts';
import { NotFoundError } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { getDelivery, listDeliveries, type StoredDelivery } from './deliveries.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const nullableTime = { type: ['string', 'null'], description: 'ISO 8601, or null' } as const;
const summaryProperties = {
  id: { type: 'string' },
  source: { type: 'string' },
  idempotencyKey: { type: 'string' },
  receivedAt: nullableTime,
  ip: { type: 'string' },
  verdict: { type: 'object', additionalProperties: true, description: 'What verification decided, and why.' },
  eventIds: { type: 'array', items: { type: 'string' } },
  replayCount: { type: 'integer' },
  lastReplayedAt: nullableTime,
} as const;
const summarySchema = openObject(summaryProperties, { title: 'WebhookDeliverySummary' });
const fullSchema = openObject(
  {
    ...summaryProperties,
    headers: { type: 'object', additionalProperties: true, description: 'As received, credential-bearing ones masked.' },
    body: { type: 'string', description: 'The raw body: UTF-8 text, or base64 (bodyEncoding).' },
    bodyEncoding: { enum: ['utf8', 'base64'] },
    events: { type: 'array', items: anyJson, description: 'The PutEvents entries published for it (what a replay re-publishes).' },
  },
  { title: 'WebhookDelivery' },
);
const params = { type: 'object', properties: { id: { type: 'string' } } } as const;

function summary(d: StoredDelivery) {
  return {
    id: d.id,
    source: d.source,
    idempotencyKey: d.idempotencyKey,
    receivedAt: iso(d.receivedAt),
    ip: d.ip,
    verdict: d.verdict,
    eventIds: d.eventIds,
    replayCount: d.replayCount,
    lastReplayedAt: iso(d.lastReplayedAt),
  };
}

function full(d: StoredDelivery) {
  return { ...summary(d), headers: d.headers, body: d.body, bodyEncoding: d.bodyEncoding, events: d.events };
}

/** The delivery log: list, show, replay (admin key). */
export function deliveryAdminRoutes(db: Executor, replay: (id: string) => Promise<{ deliveryId: string; eventIds: string[] }>) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { source?: string; limit?: number; before?: string } }>(
      '/admin/webhooks/deliveries',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin', 'webhooks'],
          summary: 'Accepted inbound webhook deliveries, newest first',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { source: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 }, before: { type: 'string', format: 'date-time' } },
          },
          response: { 200: listOf('deliveries', summarySchema) },
        },
      },
      async (request) => {
        const { source, limit, before } = request.query;
        const list = await listDeliveries(db, { limit: limit ?? 50, ...(source ? { source } : {}), ...(before ? { before: Date.parse(before) } : {}) });
        return { deliveries: list.map(summary) };
      },
    );
    app.get<{ Params: { id: string } }>(
      '/admin/webhooks/deliveries/:id',
      { config: { auth: 'admin' }, schema: { tags: ['admin', 'webhooks'], summary: 'One stored delivery: raw body, masked headers, verdict, events', params, response: { 200: fullSchema, ...errorResponses(404) } } },
      async (request) => {
        const d = await getDelivery(db, request.params.id);
        if (!d) throw new NotFoundError('WEBHOOK_DELIVERY_NOT_FOUND', `no stored webhook delivery ${request.params.id}`);
        return full(d);
      },
    );
    app.post<{ Params: { id: string } }>(
      '/admin/webhooks/deliveries/:id/replay',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin', 'webhooks'],
          summary: "Re-publish a stored delivery's events through the bus",
          params,
          response: { 200: openObject({ deliveryId: { type: 'string' }, eventIds: { type: 'array', items: { type: 'string' }, description: 'The new events published.' } }), ...errorResponses(404) },
        }, },
      async (request) => replay(request.params.id),
    );
  };
}
