import type { Counter } from '../../cache/index.ts';
import type { PlanConfig } from '../../config/index.ts';
import { LimitError, type Clock } from '../../kernel/index.ts';
import { checkIpRules, compileIpRuleLayer, type IpRuleLayer } from '../edge/ip-rules.ts';
import type { Principal } from '../types.ts';

const DAY_MS = 86_400_000;

/** What one admitted request leaves of the caller's plan (the x-ratelimit-* and x-quota-remaining headers). */
export interface PlanAdmission {
  /**
   * The key's bucket size, the plan's burst: as many requests as may arrive at
   * once, so `remaining` never exceeds it. The bucket refills at the plan's rps.
   */
  limit: number;
  /** Tokens left in the key's bucket after this request. */
  remaining: number;
  /** Requests left today, when the plan has a daily quota. */
  quotaRemaining?: number;
}

export interface PlanGate {
  /**
   * Charges one request to the principal's usage plan: a token from its
   * bucket, then one from its daily quota. Throws LimitError RATE_LIMITED or
   * QUOTA_EXCEEDED (with `retryAfterSeconds`, and the same headers as the
   * admission) when refused. Undefined when no plan applies: admin
   * principals, or neither the principal's plan nor `default` is configured.
   */
  admit(principal: Pick<Principal, 'keyId' | 'plan' | 'admin'>): Promise<PlanAdmission | undefined>;
  /**
   * The plan's `allowIps` / `denyIps` on the client address: throws 403
   * IP_NOT_ALLOWED naming the rule. Nothing for admin principals or plans
   * without lists.
   */
  checkAddress(principal: Pick<Principal, 'plan' | 'admin'>, ip: string | undefined): void;
}

interface ResolvedPlan {
  rps: number;
  burst: number;
  dailyQuota: number;
  ipRules: IpRuleLayer[];
}

/**
 * The usage-plan check on the shared Counter (memory or Redis), usable
 * outside an HTTP request (e.g. per WebSocket message). Plans are resolved
 * once here, so admitting a request is two counter calls and no parsing.
 */
export function createPlanGate(plans: Readonly<Record<string, PlanConfig>>, counter: Counter, clock: Clock): PlanGate {
  const resolved = new Map<string, ResolvedPlan>();
  for (const [name, plan] of Object.entries(plans)) {
    const ipRules = compileIpRuleLayer(`plans.${name}`, plan);
    resolved.set(name, { rps: plan.rps, burst: plan.burst ?? Math.max(1, Math.ceil(plan.rps * 2)), dailyQuota: plan.dailyQuota ?? 0, ipRules: ipRules ? [ipRules] : [] });
  }
  const fallback = resolved.get('default');

  return {
    checkAddress(principal, ip) {
      if (principal.admin) return;
      const plan = resolved.get(principal.plan) ?? fallback;
      if (plan) checkIpRules(plan.ipRules, ip);
    },
    async admit(principal) {
      if (principal.admin) return undefined;
      const plan = resolved.get(principal.plan) ?? fallback;
      if (!plan) return undefined;
      const now = clock.now();
      const bucket = await counter.takeToken(`rl:${principal.keyId}`, plan.rps, plan.burst, now);
      if (!bucket.allowed) {
        throw new LimitError('RATE_LIMITED', `rate limit of plan "${principal.plan}" exceeded (${plan.rps} req/s, burst ${plan.burst})`, {
          retryAfterSeconds: Math.ceil(bucket.retryAfterMs / 1000),
          headers: admissionHeaders({ limit: plan.burst, remaining: bucket.remaining }),
        });
      }
      if (!plan.dailyQuota) return { limit: plan.burst, remaining: bucket.remaining };
      const day = Math.floor(now / DAY_MS);
      const used = await counter.increment(`quota:${principal.keyId}:${day}`, 1, DAY_MS + 60_000);
      const admission = { limit: plan.burst, remaining: bucket.remaining, quotaRemaining: Math.max(0, plan.dailyQuota - used) };
      if (used > plan.dailyQuota) {
        throw new LimitError('QUOTA_EXCEEDED', `daily quota of plan "${principal.plan}" (${plan.dailyQuota} requests) is used up`, {
          retryAfterSeconds: Math.ceil(((day + 1) * DAY_MS - now) / 1000),
          headers: admissionHeaders(admission),
        });
      }
      return admission;
    },
  };
}

/** The response headers that tell a caller where it stands against its plan. */
export function admissionHeaders(admission: PlanAdmission): Record<string, string> {
  const headers: Record<string, string> = { 'x-ratelimit-limit': String(admission.limit), 'x-ratelimit-remaining': String(admission.remaining) };
  if (admission.quotaRemaining !== undefined) headers['x-quota-remaining'] = String(admission.quotaRemaining);
  return headers;
}
