import type { IpRuleConfig } from '../../config/index.ts';
import { AuthError, ValidationError, compileIpList, parseAddress, type IpList } from '../../kernel/index.ts';

/** One setting's allow and deny lists, named by its configuration path (e.g. `server.ipRules.groups.admin`). */
export interface IpRuleLayer {
  path: string;
  allow: IpList | undefined;
  deny: IpList | undefined;
}

/** Compiles `rules`; undefined when it has neither list (nothing to check). */
export function compileIpRuleLayer(path: string, rules: IpRuleConfig): IpRuleLayer | undefined {
  const allow = compile(`${path}.allowIps`, rules.allowIps);
  const deny = compile(`${path}.denyIps`, rules.denyIps);
  return allow || deny ? { path, allow, deny } : undefined;
}

function compile(path: string, entries: readonly string[] | undefined): IpList | undefined {
  if (!entries || entries.length === 0) return undefined;
  const { list, invalid } = compileIpList(entries);
  // The config loader reports these first; this guards a caller that built its own settings.
  if (invalid.length > 0) throw new ValidationError('CONFIG_INVALID', `${path}: entries are not CIDRs or addresses: ${invalid.join(', ')}`);
  return list;
}

/**
 * Checks `ip` against every layer (all must pass): in each, a deny entry wins
 * over an allow entry, and a non-empty allow list admits only what it lists.
 * A value that is not an IP address (a forged X-Forwarded-For) passes no layer.
 * Throws 403 IP_NOT_ALLOWED naming the rule.
 */
export function checkIpRules(layers: readonly IpRuleLayer[], ip: string | undefined): void {
  if (layers.length === 0) return;
  const address = parseAddress(ip);
  if (!address || ip === undefined) {
    throw refused(`client address ${JSON.stringify(ip ?? null)} is not an IP address, so the IP rules of ${layers.map((l) => l.path).join(' and ')} refuse it`, { ip: ip ?? '', rule: layers[0]!.path });
  }
  for (const layer of layers) {
    const denied = layer.deny?.find(address);
    if (denied !== undefined) throw refused(`client address ${ip} is refused by ${layer.path}.denyIps (${denied})`, { ip, rule: `${layer.path}.denyIps`, entry: denied });
    if (layer.allow && !layer.allow.has(address)) throw refused(`client address ${ip} is not in ${layer.path}.allowIps`, { ip, rule: `${layer.path}.allowIps` });
  }
}

function refused(message: string, details: { ip: string; rule: string; entry?: string }): AuthError {
  return new AuthError('IP_NOT_ALLOWED', message, { status: 403, details });
}
