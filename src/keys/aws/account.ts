import { createHash } from 'node:crypto';

/**
 * The AWS account id a tenant acts in: `aws.accounts[tenant]` when configured,
 * else 12 digits derived from the tenant name (stable, so ARNs and queue URLs
 * survive restarts without a table). A derived id never lands on the system
 * account (events.account) or on an id configured for another tenant: the
 * account is the boundary between tenants' buses and queues.
 */
export function accountFor(tenant: string, accounts: Readonly<Record<string, string>>, systemAccount: string): string {
  const configured = accounts[tenant];
  if (configured) return configured;
  const taken = new Set([systemAccount, ...Object.values(accounts)]);
  const digest = createHash('sha256').update(`hashi:aws-account:${tenant}`).digest();
  let n = digest.readBigUInt64BE(0) % 1_000_000_000_000n;
  let id = n.toString().padStart(12, '0');
  while (taken.has(id)) {
    n = (n + 1n) % 1_000_000_000_000n;
    id = n.toString().padStart(12, '0');
  }
  return id;
}
