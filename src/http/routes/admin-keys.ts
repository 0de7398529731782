import type { FastifyInstance } from 'fastify';
import type { KeyRepository } from '../../keys/index.ts';
import { errorResponses } from '../schemas.ts';

const keyRecord = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    tenant: { type: 'string' },
    plan: { type: 'string' },
    name: { type: 'string' },
    customerId: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
  },
} as const;

export function adminKeyRoutes(keys: KeyRepository, invalidate: (id: string) => Promise<void>) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: { tenant: string; plan?: string; name?: string; customer_id?: string } }>(
      '/admin/keys',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin'],
          summary: 'Create an API key (the key is shown once)',
          body: {
            type: 'object',
            required: ['tenant'],
            additionalProperties: false,
            properties: {
              tenant: { type: 'string', minLength: 1, maxLength: 64 },
              plan: { type: 'string' },
              name: { type: 'string', maxLength: 200 },
              customer_id: { type: 'string', maxLength: 64 },
            },
          },
          response: { 201: { ...keyRecord, properties: { ...keyRecord.properties, key: { type: 'string' } } }, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { tenant, plan, name, customer_id } = request.body;
        const created = await keys.create({ tenant, ...(plan ? { plan } : {}), ...(name ? { name } : {}), ...(customer_id ? { customerId: customer_id } : {}) });
        return reply.code(201).send(created);
      },
    );
    app.get<{ Querystring: { tenant?: string; include_revoked?: boolean } }>(
      '/admin/keys',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin'],
          summary: 'List API keys (never the keys themselves)',
          querystring: { type: 'object', properties: { tenant: { type: 'string' }, include_revoked: { type: 'boolean' } } },
          response: { 200: { type: 'object', properties: { keys: { type: 'array', items: keyRecord } } } },
        },
      },
      async (request) => ({ keys: await keys.list({ ...(request.query.tenant ? { tenant: request.query.tenant } : {}), includeRevoked: request.query.include_revoked ?? false }) }),
    );
    app.delete<{ Params: { id: string } }>(
      '/admin/keys/:id',
      { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'Revoke an API key', response: { 200: keyRecord, ...errorResponses(404) } } },
      async (request) => {
        const revoked = await keys.revoke(request.params.id);
        await invalidate(revoked.id);
        return revoked;
      },
    );
  };
}
