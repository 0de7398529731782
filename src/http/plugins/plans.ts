import type { FastifyInstance } from 'fastify';
import type { Counter } from '../../cache/index.ts';
import type { PlanConfig } from '../../config/index.ts';
import type { Clock } from '../../kernel/index.ts';
import { createPlanGate, type PlanAdmission } from './plan-gate.ts';

/**
 * Enforces the caller's usage plan after authentication: its IP rules, a token bucket
 * (rps with burst) and a daily quota per key, on the shared Counter (memory or
 * Redis). Refusals are 429 with Retry-After; the LimitError carries the
 * x-ratelimit-* headers, which the error handler writes.
 */
export function registerPlans(app: FastifyInstance, plans: Readonly<Record<string, PlanConfig>>, counter: Counter, clock: Clock): void {
  const gate = createPlanGate(plans, counter, clock);
  app.addHook('onRequest', (request, reply, done) => {
    const principal = request.principal;
    if (!principal || principal.admin) return done();
    try {
      // The plan's IP rules hold on every route, metered or not.
      gate.checkAddress(principal, request.ip);
    } catch (err) {
      return done(err as Error);
    }
    if (request.routeOptions.config?.rateLimit === false) return done();
    gate.admit(principal).then((admission: PlanAdmission | undefined) => {
      if (admission) {
        reply.header('x-ratelimit-limit', String(admission.limit));
        reply.header('x-ratelimit-remaining', String(admission.remaining));
        if (admission.quotaRemaining !== undefined) reply.header('x-quota-remaining', String(admission.quotaRemaining));
      }
      done();
    }, done);
  });
}
