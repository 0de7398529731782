import type { FastifyInstance } from 'fastify';
import { redactUrl } from '../../kernel/index.ts';
import type { Metrics } from '../../observability/index.ts';

interface RouteMetrics {
  count: { inc(): void };
  time: { observe(v: number): void };
}

/** Counts and times every request by route pattern (not raw URL, to bound cardinality). */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  // Labelled children are resolved once per (route, method, status), not per
  // request; nested maps keyed by the strings Fastify and Node already hold
  // (and the status number) avoid building a lookup key on every request.
  const children = new Map<string, Map<string, Map<number, RouteMetrics>>>();
  const resolve = (route: string, method: string, status: number): RouteMetrics => {
    let byMethod = children.get(route);
    if (!byMethod) children.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let child = byStatus.get(status);
    if (!child) {
      const labels = { route, method, status: String(status) };
      child = { count: metrics.httpRequests.labels(labels), time: metrics.httpDuration.labels(labels) };
      byStatus.set(status, child);
    }
    return child;
  };
  app.addHook('onResponse', (request, reply, done) => {
    const child = resolve(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode);
    const elapsedMs = reply.elapsedTime;
    child.count.inc();
    child.time.observe(elapsedMs / 1000);
    request.log.info({ method: request.method, url: loggedUrl(request.url), status: reply.statusCode, ms: Math.round(elapsedMs * 10) / 10 }, 'request completed');
    done();
  });
}

/**
 * The URL as logged: a credential sent in the query (`?api_key=` for
 * EventSource and WebSocket clients, in any spelling or percent-encoding of the
 * name) never reaches a log line (the kernel's one list and redaction).
 */
export function loggedUrl(url: string): string {
  return url.includes('?') ? redactUrl(url) : url;
}
