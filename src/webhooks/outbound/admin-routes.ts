import type { FastifyInstance } from 'fastify';
import { errorResponses, listOf, noContent, openObject } from '../../http/index.ts';
import type { Executor } from '../../store/index.ts';
import { selectAttempts, type AttemptRow } from './messages.ts';
import type { Subscriptions } from './subscriptions.ts';
import type { SubscriptionInput } from './subscription-input.ts';

const inputProperties = {
  id: { type: 'string' },
  url: { type: 'string', minLength: 1 },
  pattern: { type: 'object' },
  secret: { type: 'string' },
  enabled: { type: 'boolean' },
  transform: { enum: ['none', 'slack'] },
  description: { type: 'string', maxLength: 500 },
  bus: { type: 'string' },
} as const;

const nullableTime = { type: ['string', 'null'], description: 'ISO 8601, or null' } as const;
const viewSchema = openObject(
  {
    id: { type: 'string' },
    url: { type: 'string' },
    pattern: { type: 'object', additionalProperties: true, description: 'An EventBridge event pattern.' },
    transform: { enum: ['none', 'slack'] },
    description: { type: 'string' },
    bus: { type: ['string', 'null'] },
    managedBy: { enum: ['config', 'api'], description: '`config`: from hashi.yaml, changed only there.' },
    enabled: { type: 'boolean' },
    disabledReason: { type: ['string', 'null'], description: 'manual, failing, gone or config.' },
    disabledAt: nullableTime,
    failingSince: nullableTime,
    lastSuccessAt: nullableTime,
    secretHint: { type: 'string', description: 'The first characters of the signing secret.' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  { title: 'WebhookSubscription' },
);
const createdSchema = { ...viewSchema, title: 'WebhookSubscriptionCreated', properties: { ...viewSchema.properties, secret: { type: 'string', description: 'The signing secret (Standard Webhooks `whsec_…`).' } } } as const;
const secretsSchema = openObject({
  secret: { type: 'string' },
  previousSecret: { type: 'string', description: 'Still signing beside the new one until previousSecretUntil.' },
  previousSecretUntil: { type: 'string' },
});
const attemptSchema = openObject({
  id: { type: 'string' },
  messageId: { type: 'string' },
  attempt: { type: 'integer' },
  at: { type: 'string' },
  durationMs: { type: ['number', 'null'] },
  outcome: { type: 'string' },
  status: { type: ['integer', 'null'], description: "The receiver's HTTP status." },
  responseBody: { type: ['string', 'null'], description: 'The start of what the receiver answered.' },
  error: { type: ['string', 'null'] },
});
const one = { 200: viewSchema, ...errorResponses(404) };

const tags = ['admin', 'webhooks'];
const admin = { auth: 'admin' as const };

function attemptView(a: AttemptRow) {
  return {
    id: a.id,
    messageId: a.message_id,
    attempt: a.attempt,
    at: new Date(a.at).toISOString(),
    durationMs: a.duration_ms,
    outcome: a.outcome,
    status: a.http_status,
    responseBody: a.response_body,
    error: a.error,
  };
}

/** `/admin/webhooks/subscriptions`: CRUD, enable/disable, secret and rotation, the attempt log. */
export function subscriptionAdminRoutes(subs: Subscriptions, db: Executor) {
  return async (app: FastifyInstance) => {
    app.get('/admin/webhooks/subscriptions', { config: admin, schema: { tags, summary: 'Outbound webhook subscriptions', response: { 200: listOf('subscriptions', viewSchema) } } }, async () => ({ subscriptions: await subs.list() }));
    app.post<{ Body: SubscriptionInput }>(
      '/admin/webhooks/subscriptions',
      {
        config: admin,
        schema: {
          tags,
          summary: 'Create a subscription (the secret is in the answer; also at GET …/:id/secret)',
          body: { type: 'object', additionalProperties: false, required: ['url', 'pattern'], properties: inputProperties },
          response: { 201: createdSchema, ...errorResponses(409) },
        },
      },
      async (request, reply) => reply.code(201).send(await subs.create(request.body)),
    );
    app.get<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id', { config: admin, schema: { tags, summary: 'One subscription', response: one } }, async (request) =>
      subs.get(request.params.id),
    );
    app.patch<{ Params: { id: string }; Body: Partial<SubscriptionInput> }>(
      '/admin/webhooks/subscriptions/:id',
      {
        config: admin,
        schema: {
          tags,
          summary: 'Change url, pattern, transform, description or bus (enable/disable and secrets have their own routes)',
          body: {
            type: 'object',
            additionalProperties: false,
            properties: { url: inputProperties.url, pattern: inputProperties.pattern, transform: inputProperties.transform, description: inputProperties.description, bus: inputProperties.bus },
          },
          response: { ...one, ...errorResponses(409) },
        },
      },
      async (request) => subs.update(request.params.id, request.body),
    );
    app.delete<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id', { config: admin, schema: { tags, summary: 'Delete a subscription', response: { 204: noContent, ...errorResponses(404, 409) } } }, async (request, reply) => {
      await subs.remove(request.params.id);
      return reply.code(204).send();
    });
    app.post<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id/enable', { config: admin, schema: { tags, summary: 'Re-enable (also after an automatic disable)', response: one } }, async (request) =>
      subs.enable(request.params.id),
    );
    app.post<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id/disable', { config: admin, schema: { tags, summary: 'Disable: no new messages; pending retries go to the DLQ', response: one } }, async (request) =>
      subs.disable(request.params.id, 'manual'),
    );
    app.get<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id/secret', { config: admin, schema: { tags, summary: 'The signing secret(s) a receiver needs', response: { 200: secretsSchema, ...errorResponses(404) } } }, async (request) =>
      subs.secrets(request.params.id),
    );
    app.post<{ Params: { id: string }; Body: { secret?: string } | undefined }>(
      '/admin/webhooks/subscriptions/:id/rotate-secret',
      {
        config: admin,
        schema: { tags, summary: 'New secret; the old one keeps signing next to it for 24 h', body: { type: 'object', additionalProperties: false, properties: { secret: { type: 'string' } } },
          response: { 200: openObject({ secret: { type: 'string' }, previousSecretUntil: { type: 'string' } }), ...errorResponses(404) },
        },
      },
      async (request) => subs.rotateSecret(request.params.id, request.body?.secret),
    );
    app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
      '/admin/webhooks/subscriptions/:id/attempts',
      {
        config: admin,
        schema: { tags, summary: 'Delivery attempts, newest first', querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
          response: { 200: listOf('attempts', attemptSchema), ...errorResponses(404) },
        },
      },
      async (request) => {
        await subs.get(request.params.id);
        const attempts = await selectAttempts(db, { subscriptionId: request.params.id, limit: request.query.limit ?? 50 });
        return { attempts: attempts.map(attemptView) };
      },
    );
  };
}
