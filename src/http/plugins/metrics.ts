import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../observability/index.ts';

/** Counts and times every request by route pattern (not raw URL, to bound cardinality). */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  // Labelled children are resolved once per (route, method, status), not per request.
  const children = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${route}\u0000${request.method}\u0000${reply.statusCode}`;
    let child = children.get(key);
    if (!child) {
      const labels = { route, method: request.method, status: String(reply.statusCode) };
      child = { count: metrics.httpRequests.labels(labels), time: metrics.httpDuration.labels(labels) };
      children.set(key, child);
    }
    child.count.inc();
    child.time.observe(reply.elapsedTime / 1000);
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
    done();
  });
}
