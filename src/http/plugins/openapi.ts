import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { errorEnvelopeSchema } from '../schemas.ts';
import { renderDocsPage } from './docs-page.ts';

/**
 * Every route's JSON Schemas feed one OpenAPI 3.1 document at /openapi.json,
 * and /docs renders it as a self-contained page (no CDN: the demo runs offline).
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(errorEnvelopeSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hashi', version, description: 'Self-hosted GenAI integration gateway.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer hsk_…` (or `x-api-key`).' },
          adminKey: { type: 'apiKey', in: 'header', name: 'x-admin-key' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const auth = (route.config as { auth?: string } | undefined)?.auth;
      const security = auth === 'key' ? [{ apiKey: [] }] : auth === 'admin' ? [{ adminKey: [] }] : undefined;
      return { schema: { ...(schema ?? {}), ...(security ? { security } : {}) } as never, url };
    },
  });
}

export function openApiRoutes() {
  return async (app: FastifyInstance) => {
    app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'none', rateLimit: false } }, async () => app.swagger());
    app.get('/docs', { schema: { hide: true }, config: { auth: 'none', rateLimit: false } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(renderDocsPage(app.swagger() as never)),
    );
  };
}
