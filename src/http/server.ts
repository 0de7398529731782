import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Counter } from '../cache/index.ts';
import type { HashiConfig } from '../config/index.ts';
import type { Clock } from '../kernel/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerIdempotency, type IdempotencySettings, type IdempotencyStore } from './idempotency/index.ts';
import { registerDeadline } from './plugins/deadline.ts';
import { registerDrain } from './plugins/drain.ts';
import { registerErrorHandlers } from './plugins/errors.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { openApiRoutes, registerOpenApi } from './plugins/openapi.ts';
import { registerPlans } from './plugins/plans.ts';
import { requestIdGenerator, registerRequestId } from './plugins/request-id.ts';
import { requestLoggerFactory } from './request-logger.ts';
import { healthRoutes, type ReadinessCheck } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { whoamiRoutes } from './routes/whoami.ts';
import type { AuthScheme } from './types.ts';

export type RoutePlugin = (app: FastifyInstance) => Promise<void> | void;

export interface ServerDeps {
  config: Pick<HashiConfig, 'server' | 'admin' | 'plans'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  counter: Counter;
  authSchemes: AuthScheme[];
  readiness: () => Promise<ReadinessCheck>;
  /** Called before /metrics renders (queue depth and DLQ gauges). */
  refreshMetrics?: () => Promise<void>;
  /** `Idempotency-Key` support for routes with `config: { idempotency: true }`. */
  idempotency?: { store: IdempotencyStore; settings: IdempotencySettings };
  /** Capability and app routes, registered after the edge plugins. */
  routes: RoutePlugin[];
  version: string;
}

/**
 * The HTTP edge, without listening: request id → deadline → auth → plan on
 * every request, one error envelope, OpenAPI from the route schemas.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { server } = deps.config;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One access-log line per request (metrics plugin) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    childLoggerFactory: requestLoggerFactory,
    genReqId: requestIdGenerator(),
    bodyLimit: server.bodyLimitBytes,
    trustProxy: server.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  registerErrorHandlers(app);
  registerRequestId(app);
  registerDrain(app);
  registerDeadline(app, server.requestTimeoutMs, deps.clock);
  registerAuth(app, { adminKey: deps.config.admin.key, schemes: deps.authSchemes });
  registerPlans(app, deps.config.plans, deps.counter, deps.clock);
  registerMetrics(app, deps.metrics);
  if (deps.idempotency) registerIdempotency(app, deps.idempotency.store, deps.idempotency.settings, deps.clock);
  await registerOpenApi(app, deps.version);

  await app.register(healthRoutes(deps.readiness));
  await app.register(metricsRoutes(deps.metrics, deps.refreshMetrics ?? (async () => undefined)));
  await app.register(openApiRoutes());
  await app.register(whoamiRoutes());
  for (const routes of deps.routes) await app.register(routes);
  await app.ready();
  return app;
}
