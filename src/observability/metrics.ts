import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per Hashi instance (no global default registry). */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
  queueDepth: Gauge<'type'>;
  queueInFlight: Gauge<'type'>;
  dlqSize: Gauge<'type'>;
  jobsProcessed: Counter<'type' | 'outcome'>;
  /** Capabilities register their own metrics on the same registry. */
  counter<L extends string>(name: string, help: string, labels: L[]): Counter<L>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'hashi_' });
  const counters = new Map<string, Counter<string>>();
  return {
    registry,
    httpRequests: new Counter({
      name: 'hashi_http_requests_total',
      help: 'HTTP requests by route, method and status',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'hashi_http_request_duration_seconds',
      help: 'HTTP request latency by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 29],
      registers: [registry],
    }),
    queueDepth: new Gauge({ name: 'hashi_queue_depth', help: 'Jobs waiting, by type', labelNames: ['type'], registers: [registry] }),
    queueInFlight: new Gauge({ name: 'hashi_queue_in_flight', help: 'Jobs running, by type', labelNames: ['type'], registers: [registry] }),
    dlqSize: new Gauge({ name: 'hashi_dlq_size', help: 'Dead-lettered jobs, by type', labelNames: ['type'], registers: [registry] }),
    jobsProcessed: new Counter({
      name: 'hashi_jobs_processed_total',
      help: 'Jobs finished, by type and outcome (completed, retried, dead)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    }),
    counter<L extends string>(name: string, help: string, labels: L[]): Counter<L> {
      const existing = counters.get(name);
      if (existing) return existing as Counter<L>;
      const c = new Counter({ name, help, labelNames: labels, registers: [registry] });
      counters.set(name, c as Counter<string>);
      return c;
    },
  };
}
