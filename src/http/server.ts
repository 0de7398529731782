import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Counter } from '../cache/index.ts';
import type { HashiConfig } from '../config/index.ts';
import type { Clock } from '../kernel/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import { trustProxyOption } from './edge/trust-proxy.ts';
import { registerAuth } from './plugins/auth.ts';
import { clientErrorHandler } from './plugins/client-errors.ts';
import { registerCors } from './plugins/cors.ts';
import { registerIdempotency, type IdempotencySettings, type IdempotencyStore } from './idempotency/index.ts';
import { registerDeadline } from './plugins/deadline.ts';
import { registerDrain } from './plugins/drain.ts';
import { registerErrorHandlers, sendError } from './plugins/errors.ts';
import { registerIpRules } from './plugins/ip-rules.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { openApiRoutes, registerOpenApi } from './plugins/openapi.ts';
import { registerPlans } from './plugins/plans.ts';
import { registerUpgradeGuard } from './plugins/upgrade-guard.ts';
import { requestIdGenerator, registerRequestId } from './plugins/request-id.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { requestLoggerFactory } from './request-logger.ts';
import { edgeKeywords, registerJsonBody } from './validation.ts';
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
 * The HTTP edge, without listening: request id → deadline → CORS → IP rules →
 * auth → plan (its IP rules, then its rate) on every request, security headers
 * on every answer, one error envelope, OpenAPI from the route schemas.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { server } = deps.config;
  const newRequestId = requestIdGenerator();
  // Node checks the header and request timeouts on an interval (30 s by default, so a
  // 10 s limit could fire at 40 s): check often enough for the limits to mean what they say.
  const headersTimeout = Math.min(server.headersTimeoutMs, server.bodyTimeoutMs);
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4)));
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One access-log line per request (metrics plugin) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    childLoggerFactory: requestLoggerFactory,
    genReqId: newRequestId,
    bodyLimit: server.bodyLimitBytes,
    // Slow clients (a trickled body, headers that never end, idle keep-alives) cannot hold
    // a socket: past these the server answers 408 and closes (client-errors.ts).
    http: { headersTimeout, requestTimeout: server.bodyTimeoutMs, connectionsCheckingInterval },
    requestTimeout: server.bodyTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    clientErrorHandler: clientErrorHandler({ headersTimeoutMs: headersTimeout, bodyTimeoutMs: server.bodyTimeoutMs }, () => newRequestId({ headers: {} } as never), deps.logger),
    trustProxy: trustProxyOption(server.trustProxy),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A path that is not valid percent-encoded UTF-8 (`/x/%ED%A0%80`): the router's own 400, in our envelope.
    frameworkErrors: (error, request, reply) => void sendError(request, reply, 400, 'BAD_REQUEST', error.message),
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true }, plugins: [edgeKeywords] },
  });
  registerErrorHandlers(app);
  registerJsonBody(app);
  registerRequestId(app);
  registerDrain(app);
  registerUpgradeGuard(app);
  registerDeadline(app, server.requestTimeoutMs, deps.clock);
  registerSecurityHeaders(app, server.securityHeaders);
  // CORS before the IP rules and auth: a preflight is answered before them, and their refusals carry the CORS headers a page needs to read them.
  await registerCors(app, server.cors);
  registerIpRules(app, server.ipRules);
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
