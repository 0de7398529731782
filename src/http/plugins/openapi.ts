import type { FastifyInstance, RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorEnvelopeSchema, errorRef } from '../schemas.ts';

type RouteSchema = Record<string, unknown> & { response?: Record<string, unknown> };

/**
 * Every route's JSON Schemas feed one OpenAPI 3.1 document at /openapi.json;
 * /docs renders it with Swagger UI, whose assets are served from node_modules
 * (no CDN: the demo runs offline, and every script is a file, so a strict CSP holds).
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
    transform: ({ schema, url, route }) => ({ schema: documented(route, (schema ?? {}) as RouteSchema) as never, url }),
  });
}

/**
 * The operation as documented: the route schema, its `config.openapi`
 * additions (documentation only), who may call it, and the edge's own error
 * answers (auth, rate limit, validation) in the shared envelope.
 */
function documented(route: RouteOptions, schema: RouteSchema): RouteSchema {
  const config = (route.config ?? {}) as { auth?: string; rateLimit?: boolean; openapi?: Record<string, unknown> };
  const { responses, ...extras } = config.openapi ?? {};
  const response: Record<string, unknown> = { ...(schema.response ?? {}), ...((responses as Record<string, unknown> | undefined) ?? {}) };
  const edgeErrors: number[] = [];
  if (schema.body || schema.querystring || schema.params || schema.headers) edgeErrors.push(400);
  if (config.auth === 'key') edgeErrors.push(401, ...(config.rateLimit === false ? [] : [429]));
  if (config.auth === 'admin') edgeErrors.push(401, 403);
  for (const status of edgeErrors) response[status] ??= { description: edgeErrorDescriptions[status], ...errorRef };
  const security = config.auth === 'key' ? [{ apiKey: [] }] : config.auth === 'admin' ? [{ adminKey: [] }] : undefined;
  return {
    ...schema,
    ...extras,
    // @fastify/websocket hides its routes; the WebSocket's upgrade is documented through config.openapi.
    ...((route as { websocket?: boolean }).websocket ? { hide: false } : {}),
    ...(Object.keys(response).length ? { response } : {}),
    ...(security ? { security } : {}),
  };
}

const edgeErrorDescriptions: Record<number, string> = {
  400: 'The request is malformed or fails its schema (VALIDATION_FAILED lists every problem).',
  401: 'No credential, or one that is not valid (AUTH_REQUIRED, AUTH_INVALID).',
  403: 'The admin API is disabled (no admin.key configured), or the credential may not do this.',
  429: "The key's plan is spent: rate limit or daily quota (Retry-After says when to come back).",
};

const openApiDocument = {
  description: 'This document: OpenAPI 3.1, generated from the route schemas.',
  type: 'object',
  additionalProperties: true,
  properties: { openapi: { type: 'string' }, info: { type: 'object', additionalProperties: true }, paths: { type: 'object', additionalProperties: true } },
} as const;

export function openApiRoutes() {
  return async (app: FastifyInstance) => {
    app.get(
      '/openapi.json',
      { schema: { tags: ['ops'], summary: 'The OpenAPI 3.1 document of every route (what /docs renders)', response: { 200: openApiDocument } }, config: { auth: 'none', rateLimit: false } },
      async () => app.swagger(),
    );
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // No validator badge: it would send the document to validator.swagger.io.
      validatorUrl: false,
      uiConfig: { deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0, displayRequestDuration: true, showExtensions: true },
      theme: { title: 'Hashi API' },
    });
  };
}
