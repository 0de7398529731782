export { buildServer, type ServerDeps, type RoutePlugin } from './server.ts';
export { HTTP_CODES } from './errors.ts';
export { sendError, type ErrorEnvelope } from './plugins/errors.ts';
export { bearerToken } from './plugins/auth.ts';
export { errorResponses, errorRef } from './schemas.ts';
export { adminKeyRoutes } from './routes/admin-keys.ts';
export { adminDlqRoutes } from './routes/admin-dlq.ts';
export type { ReadinessCheck } from './routes/health.ts';
export type { Principal, AuthScheme, RouteAuth, RequestDeadline } from './types.ts';
