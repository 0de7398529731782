import type { FastifyInstance } from 'fastify';
import { MemoryCounter } from '../../src/cache/index.ts';
import { buildServer, type AuthScheme } from '../../src/http/index.ts';
import { AuthError, systemClock } from '../../src/kernel/index.ts';
import { createMetrics, silentLogger } from '../../src/observability/index.ts';
import { testConfig } from '../support/hashi.ts';

/**
 * An edge with one route in each route group (the real paths' shapes) and a
 * stand-in credential: `x-api-key: plan:<name>` authenticates on that plan.
 * The edge itself — CORS, IP rules, plans, security headers — is the real one.
 */
export const GROUP_ROUTES = {
  ops: '/healthz',
  docs: '/docs',
  admin: '/admin/ping',
  fm: '/v1/ping',
  events: '/v1/events',
  aws: '/',
  webhooks: '/webhooks/ping',
  apps: '/support/v1/ping',
} as const;

const planScheme: AuthScheme = {
  name: 'plan',
  accepts: (request) => typeof request.headers['x-api-key'] === 'string',
  async authenticate(request) {
    const match = /^plan:(\w+)$/.exec(String(request.headers['x-api-key']));
    if (!match) throw new AuthError('AUTH_INVALID', 'not a test key');
    return { scheme: 'plan', keyId: `key-${match[1]}`, tenant: 't', plan: match[1]!, admin: false };
  },
};

export async function edgeServer(yaml: string): Promise<FastifyInstance> {
  return buildServer({
    config: testConfig(yaml),
    clock: systemClock,
    logger: silentLogger(),
    metrics: createMetrics(),
    counter: new MemoryCounter(systemClock),
    authSchemes: [planScheme],
    version: 'test',
    readiness: async () => ({ ok: true, checks: {} }),
    routes: [
      async (app) => {
        for (const [group, url] of Object.entries(GROUP_ROUTES)) {
          if (group === 'ops' || group === 'docs') continue;
          const auth = group === 'admin' ? 'admin' : group === 'webhooks' ? 'none' : 'key';
          app.post(url, { config: { auth } }, async (request) => ({ group, ip: request.ip }));
          if (url !== '/') app.get(url, { config: { auth } }, async (request) => ({ group, ip: request.ip }));
        }
        app.get('/v1/unmetered', { config: { auth: 'key', rateLimit: false } }, async (request) => ({ ip: request.ip }));
        app.get('/v1/page', { config: { auth: 'none' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><title>t</title><p>page</p>'));
        app.get('/v1/own-csp', { config: { auth: 'none' } }, async (_request, reply) =>
          reply.type('text/html').header('content-security-policy', "default-src 'none'").send('<p>own</p>'),
        );
      },
    ],
  });
}
