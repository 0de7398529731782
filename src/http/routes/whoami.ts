import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../schemas.ts';

/** Echoes the caller's identity: a cheap way to check a credential (and the benchmark's authenticated route). */
export function whoamiRoutes() {
  return async (app: FastifyInstance) => {
    app.get(
      '/v1/whoami',
      {
        config: { auth: 'key' },
        schema: {
          tags: ['ops'],
          summary: 'The tenant, plan and key id the credential resolves to',
          response: {
            200: {
              type: 'object',
              properties: { keyId: { type: 'string' }, tenant: { type: 'string' }, plan: { type: 'string' }, scheme: { type: 'string' }, customerId: { type: 'string' } },
            },
            ...errorResponses(401, 429),
          },
        },
      },
      async (request) => {
        const p = request.principal!;
        return { keyId: p.keyId, tenant: p.tenant, plan: p.plan, scheme: p.scheme, ...(p.customerId ? { customerId: p.customerId } : {}) };
      },
    );
  };
}
