import type { FastifyInstance } from 'fastify';
import type { AwsKeyRecord, AwsKeyRepository } from '../../keys/index.ts';
import { errorResponses } from '../schemas.ts';

const keyRecord = {
  type: 'object',
  properties: {
    accessKeyId: { type: 'string' },
    tenant: { type: 'string' },
    account: { type: 'string', description: 'The AWS account id the tenant acts in (its buses and queues).' },
    plan: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
  },
} as const;

/** AWS access keys for the EventBridge/SQS front door: create (secret shown once), list, revoke. */
export function adminAwsKeyRoutes(keys: AwsKeyRepository, invalidate: (accessKeyId: string) => Promise<void>, accountOf: (tenant: string) => string) {
  const withAccount = (k: AwsKeyRecord) => ({ ...k, account: accountOf(k.tenant) });
  return async (app: FastifyInstance) => {
    app.post<{ Body: { tenant: string; plan?: string; name?: string } }>(
      '/admin/keys/aws',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin'],
          summary: 'Create an AWS access key for SigV4 (the secret access key is shown once)',
          body: {
            type: 'object',
            required: ['tenant'],
            additionalProperties: false,
            properties: { tenant: { type: 'string', minLength: 1, maxLength: 64 }, plan: { type: 'string' }, name: { type: 'string', maxLength: 200 } },
          },
          response: { 201: { ...keyRecord, properties: { ...keyRecord.properties, secretAccessKey: { type: 'string' } } }, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { tenant, plan, name } = request.body;
        const created = await keys.create({ tenant, ...(plan ? { plan } : {}), ...(name ? { name } : {}) });
        return reply.code(201).send(withAccount(created));
      },
    );
    app.get<{ Querystring: { tenant?: string; include_revoked?: boolean } }>(
      '/admin/keys/aws',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin'],
          summary: 'List AWS access keys (never the secrets)',
          querystring: { type: 'object', properties: { tenant: { type: 'string' }, include_revoked: { type: 'boolean' } } },
          response: { 200: { type: 'object', properties: { keys: { type: 'array', items: keyRecord } } }, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ keys: (await keys.list({ ...(request.query.tenant ? { tenant: request.query.tenant } : {}), includeRevoked: request.query.include_revoked ?? false })).map(withAccount) }),
    );
    app.delete<{ Params: { id: string } }>(
      '/admin/keys/aws/:id',
      { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'Revoke an AWS access key', params: { type: 'object', properties: { id: { type: 'string' } } }, response: { 200: keyRecord, ...errorResponses(401, 403, 404) } } },
      async (request) => {
        const revoked = await keys.revoke(request.params.id);
        await invalidate(revoked.accessKeyId);
        return withAccount(revoked);
      },
    );
  };
}
