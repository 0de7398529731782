import type { FastifyInstance } from 'fastify';

export interface ReadinessCheck {
  ok: boolean;
  checks: Record<string, string>;
}

const readinessSchema = {
  title: 'Readiness',
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { enum: ['ready', 'not_ready'] },
    checks: { type: 'object', additionalProperties: { type: 'string' }, description: 'Each dependency: `ok`, or why not.' },
  },
} as const;

export function healthRoutes(readiness: () => Promise<ReadinessCheck>) {
  return async (app: FastifyInstance) => {
    app.get(
      '/healthz',
      { schema: { tags: ['ops'], summary: 'The process is alive', response: { 200: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } } } }, config: { auth: 'none' } },
      async () => ({ status: 'ok' }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['ops'],
          summary: 'The store is reachable and migrated; the cache answers',
          response: { 200: { description: 'Ready', ...readinessSchema }, 503: { description: 'Not ready: a check failed (load balancers take the replica out)', ...readinessSchema } },
        },
        config: { auth: 'none' },
      },
      async (_request, reply) => {
        const result = await readiness();
        return reply.code(result.ok ? 200 : 503).send({ status: result.ok ? 'ready' : 'not_ready', checks: result.checks });
      },
    );
  };
}
