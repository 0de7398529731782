/**
 * Accounts on one store. A bus, archive or replay name may carry an account:
 * `<12 digits>/<name>` belongs to that account; a name without one belongs to
 * the system account (`events.account`: hashi.yaml, the admin API, the apps).
 * The AWS front door gives each tenant its own account, so tenants see only
 * their own buses, and every account has a `default` bus (`<account>/default`).
 * Rules live on a bus and need no prefix of their own.
 */
const QUALIFIED = /^(\d{12})\/(.+)$/s;

export interface Identity {
  /** The system account (events.account). */
  account: string;
  region: string;
}

/** The stored name of `name` in `account`. */
export function qualify(systemAccount: string, account: string, name: string): string {
  return account === systemAccount ? name : `${account}/${name}`;
}

/** The account a stored name belongs to, and the name within it. */
export function splitName(systemAccount: string, stored: string): { account: string; name: string } {
  const m = QUALIFIED.exec(stored);
  return m ? { account: m[1]!, name: m[2]! } : { account: systemAccount, name: stored };
}

/** Every account has a default bus, as in EventBridge. */
export function isDefaultBus(systemAccount: string, bus: string): boolean {
  return splitName(systemAccount, bus).name === 'default';
}

/** A name as stored: `<system account>/x` is the same thing as `x`. */
export function normalizeName(systemAccount: string, name: string): string {
  const { account, name: local } = splitName(systemAccount, name);
  return qualify(systemAccount, account, local);
}

const BUS_ARN = /^arn:[^:]+:events:[^:]*:(\d{12})?:event-bus\/(.+)$/s;

/** The stored name a bus name or event-bus ARN refers to (the ARN's account qualifies the name). */
export function resolveBusName(systemAccount: string, nameOrArn: string): string {
  const m = BUS_ARN.exec(nameOrArn);
  if (m) return qualify(systemAccount, m[1] ?? systemAccount, m[2]!);
  return normalizeName(systemAccount, nameOrArn);
}
