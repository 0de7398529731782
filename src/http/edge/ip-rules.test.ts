import { describe, expect, it } from 'vitest';
import { checkIpRules, compileIpRuleLayer } from './ip-rules.ts';

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return { code: (err as { code: string }).code, status: (err as { status: number }).status, message: (err as Error).message };
  }
  return undefined;
};

describe('IP rule layers', () => {
  const group = compileIpRuleLayer('server.ipRules.groups.admin', { allowIps: ['10.0.0.0/8'], denyIps: ['10.6.0.0/16'] })!;

  it('compile to nothing without lists, and check nothing then', () => {
    expect(compileIpRuleLayer('plans.free', { allowIps: [], denyIps: [] })).toBeUndefined();
    expect(refusal(() => checkIpRules([], undefined))).toBeUndefined();
  });

  it('refuse a deny entry before looking at the allow list, and anything outside the allow list', () => {
    expect(refusal(() => checkIpRules([group], '10.1.1.1'))).toBeUndefined();
    expect(refusal(() => checkIpRules([group], '10.6.1.1'))).toEqual({ code: 'IP_NOT_ALLOWED', status: 403, message: 'client address 10.6.1.1 is refused by server.ipRules.groups.admin.denyIps (10.6.0.0/16)' });
    expect(refusal(() => checkIpRules([group], '11.0.0.1'))?.message).toBe('client address 11.0.0.1 is not in server.ipRules.groups.admin.allowIps');
  });

  it('refuse a client with no address (its socket already closed) rather than fail', () => {
    expect(refusal(() => checkIpRules([group], undefined))).toEqual({ code: 'IP_NOT_ALLOWED', status: 403, message: 'client address null is not an IP address, so the IP rules of server.ipRules.groups.admin refuse it' });
  });

  it('refuse entries that are not addresses even when the config loader was bypassed', () => {
    expect(() => compileIpRuleLayer('plans.x', { denyIps: ['nope'] })).toThrow('plans.x.denyIps: entries are not CIDRs or addresses: nope');
  });
});
