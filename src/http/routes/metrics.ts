import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../observability/index.ts';

export function metricsRoutes(metrics: Metrics, refresh: () => Promise<void>) {
  return async (app: FastifyInstance) => {
    app.get('/metrics', {
        schema: {
          tags: ['ops'],
          summary: 'Prometheus metrics',
          response: { 200: { description: 'The Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
        config: { auth: 'none', rateLimit: false } }, async (_request, reply) => {
      await refresh();
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  };
}
