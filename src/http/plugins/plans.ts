import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../types.ts';
import type { Counter } from '../../cache/index.ts';
import type { PlanConfig } from '../../config/index.ts';
import { LimitError, type Clock } from '../../kernel/index.ts';

const DAY_MS = 86_400_000;

/**
 * Enforces the caller's usage plan after authentication: a token bucket
 * (rps with burst) and a daily quota per key, on the shared Counter (memory or
 * Redis). Refusals are 429 with Retry-After.
 */
export function registerPlans(app: FastifyInstance, plans: Readonly<Record<string, PlanConfig>>, counter: Counter, clock: Clock): void {
  app.addHook('onRequest', (request, reply, done) => {
    const principal = request.principal;
    if (!principal || principal.admin || request.routeOptions.config?.rateLimit === false) return done();
    enforce(request, reply, principal).then(() => done(), done);
  });

  const enforce = async (request: FastifyRequest, reply: FastifyReply, principal: Principal) => {
    const plan = plans[principal.plan] ?? plans.default;
    if (!plan) return;
    const now = clock.now();
    const burst = plan.burst ?? Math.max(1, Math.ceil(plan.rps * 2));
    const bucket = await counter.takeToken(`rl:${principal.keyId}`, plan.rps, burst, now);
    reply.header('x-ratelimit-limit', String(plan.rps));
    reply.header('x-ratelimit-remaining', String(bucket.remaining));
    if (!bucket.allowed) {
      throw new LimitError('RATE_LIMITED', `rate limit of plan "${principal.plan}" exceeded (${plan.rps} req/s, burst ${burst})`, {
        retryAfterSeconds: Math.ceil(bucket.retryAfterMs / 1000),
      });
    }
    if (plan.dailyQuota) {
      const day = Math.floor(now / DAY_MS);
      const used = await counter.increment(`quota:${principal.keyId}:${day}`, 1, DAY_MS + 60_000);
      reply.header('x-quota-remaining', String(Math.max(0, plan.dailyQuota - used)));
      if (used > plan.dailyQuota) {
        throw new LimitError('QUOTA_EXCEEDED', `daily quota of plan "${principal.plan}" (${plan.dailyQuota} requests) is used up`, {
          retryAfterSeconds: Math.ceil(((day + 1) * DAY_MS - now) / 1000),
        });
      }
    }
  };
}
