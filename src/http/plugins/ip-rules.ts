import type { FastifyInstance } from 'fastify';
import { ROUTE_GROUPS, type IpRulesConfig, type RouteGroup } from '../../config/index.ts';
import { checkIpRules, compileIpRuleLayer, type IpRuleLayer } from '../edge/ip-rules.ts';
import { requestRouteGroup } from '../edge/route-groups.ts';

/**
 * `server.ipRules`: the global lists and the request's route group's lists,
 * checked on `request.ip` (so behind `server.trustProxy`) on onRequest,
 * before authentication: a refused address costs no key lookup and no body.
 * Usage plans' own lists are checked once the key is known (plan-gate.ts).
 */
export function registerIpRules(app: FastifyInstance, config: IpRulesConfig): void {
  const global = compileIpRuleLayer('server.ipRules', config);
  const byGroup = new Map<RouteGroup | undefined, IpRuleLayer[]>();
  byGroup.set(undefined, global ? [global] : []);
  for (const group of ROUTE_GROUPS) {
    const own = config.groups[group] ? compileIpRuleLayer(`server.ipRules.groups.${group}`, config.groups[group]) : undefined;
    byGroup.set(group, [global, own].filter((layer): layer is IpRuleLayer => layer !== undefined));
  }
  if ([...byGroup.values()].every((layers) => layers.length === 0)) return;

  app.addHook('onRequest', (request, _reply, done) => {
    const layers = byGroup.get(requestRouteGroup(request)) ?? [];
    try {
      checkIpRules(layers, request.ip);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}
