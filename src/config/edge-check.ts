import { compileIpList, type SchemaIssue } from '../kernel/index.ts';
import type { CorsPolicyConfig, IpRuleConfig } from './sections/edge.ts';
import type { HashiConfig } from './types.ts';

/** proxy-addr's names for address ranges, accepted in server.trustProxy besides CIDRs. */
const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * What the schema cannot say about the edge settings: that every IP list
 * entry is a CIDR or an address, that every CORS origin is one a browser
 * sends, and that credentials never go with `*`. Checked at load, so
 * `hashi config check` finds them too; each issue names its path.
 */
export function checkEdgeSettings(config: HashiConfig): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const { server } = config;
  if (Array.isArray(server.trustProxy)) {
    const entries = server.trustProxy.filter((entry) => !TRUST_PROXY_NAMES.has(entry));
    checkIps(issues, 'server.trustProxy', entries, 'are not CIDRs, addresses or loopback/linklocal/uniquelocal');
  }
  checkRules(issues, 'server.ipRules', server.ipRules);
  for (const [group, rules] of Object.entries(server.ipRules.groups)) checkRules(issues, `server.ipRules.groups.${group}`, rules ?? {});
  for (const [name, plan] of Object.entries(config.plans)) checkRules(issues, `plans.${name}`, plan);
  const { groups, ...global } = server.cors;
  checkCors(issues, 'server.cors', global, global);
  for (const [group, policy] of Object.entries(groups)) checkCors(issues, `server.cors.groups.${group}`, policy ?? {}, { ...global, ...policy });
  return issues;
}

function checkRules(issues: SchemaIssue[], path: string, rules: IpRuleConfig): void {
  if (rules.allowIps) checkIps(issues, `${path}.allowIps`, rules.allowIps, 'are not CIDRs or addresses');
  if (rules.denyIps) checkIps(issues, `${path}.denyIps`, rules.denyIps, 'are not CIDRs or addresses');
}

function checkIps(issues: SchemaIssue[], path: string, entries: readonly string[], what: string): void {
  const { invalid } = compileIpList(entries);
  if (invalid.length > 0) issues.push({ keyword: 'format', path, message: `entries ${what}: ${invalid.map((e) => JSON.stringify(e)).join(', ')}` });
}

/** `own` is what the path sets; `effective` is that over the global settings (what the group will use). */
function checkCors(issues: SchemaIssue[], path: string, own: CorsPolicyConfig, effective: CorsPolicyConfig): void {
  const origins = effective.origins ?? [];
  for (const origin of own.origins ?? []) {
    if (origin !== '*' && !isOrigin(origin)) {
      issues.push({ keyword: 'format', path: `${path}.origins`, message: `${JSON.stringify(origin)} is not an origin: write scheme://host[:port] as a browser sends it (e.g. https://app.example.com, no path or trailing slash)` });
    }
  }
  if (origins.includes('*') && origins.length > 1) issues.push({ keyword: 'format', path: `${path}.origins`, message: "'*' allows every origin; list origins or '*' alone" });
  if (origins.includes('*') && effective.credentials) {
    issues.push({ keyword: 'format', path, message: "credentials cannot be allowed to every origin ('*'): list the origins that may send credentials" });
  }
}

/** An origin as browsers send it in `Origin`: lower-case http(s) scheme and host, port only when not the default. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
