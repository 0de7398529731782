import type { FastifyInstance } from 'fastify';
import { AuthError } from '../../kernel/index.ts';
import { parseUsageRange, type UsageGroupBy } from '../usage/index.ts';
import { usageDocs } from './openapi.ts';
import { callerOf, type FmRoutesDeps } from './types.ts';

interface UsageQueryString {
  from?: string;
  to?: string;
  group_by?: UsageGroupBy;
  tenant?: string;
}

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', description: 'Date (UTC day, inclusive) or ISO date-time.' },
    to: { type: 'string', description: 'Date (inclusive of that day) or ISO date-time (exclusive).' },
    group_by: { enum: ['model', 'key', 'tenant', 'day'], default: 'model' },
    tenant: { type: 'string', minLength: 1, description: 'Admin only: one tenant (default: all).' },
  },
} as const;

/**
 * GET /v1/usage — a tenant's own calls (tokens, latency, cost, cached,
 * unpriced) grouped by model, key, tenant or day; a principal with admin
 * rights sees every tenant. GET /admin/usage does the same with the admin key.
 */
export function usageRoutes(app: FastifyInstance, deps: FmRoutesDeps): void {
  const { usage } = deps.gateway;
  const report = (q: UsageQueryString, tenant: string | undefined) =>
    usage.report({ groupBy: q.group_by ?? 'model', tenant, ...parseUsageRange(q.from, q.to) });

  app.get<{ Querystring: UsageQueryString }>(
    '/v1/usage',
    { config: { auth: 'key', openapi: usageDocs }, schema: { tags: ['fm'], summary: "FM usage and cost of the caller's tenant, grouped", querystring } },
    async (request) => {
      const caller = callerOf(request);
      if (request.query.tenant && !caller.admin && request.query.tenant !== caller.tenant) {
        throw new AuthError('FORBIDDEN', "a key may read only its own tenant's usage", { status: 403 });
      }
      return report(request.query, caller.admin ? request.query.tenant : caller.tenant);
    },
  );
  app.get<{ Querystring: UsageQueryString }>(
    '/admin/usage',
    { config: { auth: 'admin', openapi: usageDocs }, schema: { tags: ['admin'], summary: 'FM usage and cost of every tenant (or one), grouped', querystring } },
    async (request) => report(request.query, request.query.tenant),
  );
}
