import type { FastifyInstance } from 'fastify';
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
    app.get('/admin/webhooks/subscriptions', { config: admin, schema: { tags, summary: 'Outbound webhook subscriptions' } }, async () => ({ subscriptions: await subs.list() }));
    app.post<{ Body: SubscriptionInput }>(
      '/admin/webhooks/subscriptions',
      {
        config: admin,
        schema: {
          tags,
          summary: 'Create a subscription (the secret is in the answer; also at GET …/:id/secret)',
          body: { type: 'object', additionalProperties: false, required: ['url', 'pattern'], properties: inputProperties },
        },
      },
      async (request, reply) => reply.code(201).send(await subs.create(request.body)),
    );
    app.get<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id', { config: admin, schema: { tags, summary: 'One subscription' } }, async (request) =>
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
        },
      },
      async (request) => subs.update(request.params.id, request.body),
    );
    app.delete<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id', { config: admin, schema: { tags, summary: 'Delete a subscription' } }, async (request, reply) => {
      await subs.remove(request.params.id);
      return reply.code(204).send();
    });
    app.post<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id/enable', { config: admin, schema: { tags, summary: 'Re-enable (also after an automatic disable)' } }, async (request) =>
      subs.enable(request.params.id),
    );
    app.post<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id/disable', { config: admin, schema: { tags, summary: 'Disable: no new messages; pending retries go to the DLQ' } }, async (request) =>
      subs.disable(request.params.id, 'manual'),
    );
    app.get<{ Params: { id: string } }>('/admin/webhooks/subscriptions/:id/secret', { config: admin, schema: { tags, summary: 'The signing secret(s) a receiver needs' } }, async (request) =>
      subs.secrets(request.params.id),
    );
    app.post<{ Params: { id: string }; Body: { secret?: string } | undefined }>(
      '/admin/webhooks/subscriptions/:id/rotate-secret',
      {
        config: admin,
        schema: { tags, summary: 'New secret; the old one keeps signing next to it for 24 h', body: { type: 'object', additionalProperties: false, properties: { secret: { type: 'string' } } } },
      },
      async (request) => subs.rotateSecret(request.params.id, request.body?.secret),
    );
    app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
      '/admin/webhooks/subscriptions/:id/attempts',
      {
        config: admin,
        schema: { tags, summary: 'Delivery attempts, newest first', querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } } },
      },
      async (request) => {
        await subs.get(request.params.id);
        const attempts = await selectAttempts(db, { subscriptionId: request.params.id, limit: request.query.limit ?? 50 });
        return { attempts: attempts.map(attemptView) };
      },
    );
  };
}
