import type { FastifyInstance } from 'fastify';

export interface ReadinessCheck {
  ok: boolean;
  checks: Record<string, string>;
}

export function healthRoutes(readiness: () => Promise<ReadinessCheck>) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { tags: ['ops'], summary: 'The process is alive' }, config: { auth: 'none' } }, async () => ({ status: 'ok' }));
    app.get(
      '/readyz',
      { schema: { tags: ['ops'], summary: 'The store is reachable and migrated; the cache answers' }, config: { auth: 'none' } },
      async (_request, reply) => {
        const result = await readiness();
        return reply.code(result.ok ? 200 : 503).send({ status: result.ok ? 'ready' : 'not_ready', checks: result.checks });
      },
    );
  };
}
