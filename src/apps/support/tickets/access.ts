import { AuthError } from '../../../kernel/index.ts';
import type { Caller } from '../types.ts';

/**
 * Who a ticket belongs to and who may see it — the one place that decides.
 *
 * A ticket is owned by (tenant, customer id). A credential that names a
 * customer (an API key created with one, a JWT `custom:customer_id` claim, a
 * partner with a customerId) *is* that customer: it files tickets only for
 * itself and sees only its own. A credential without a customer is a tenant
 * integration (an ITSM system): it files for the customer the body names and
 * sees every ticket of its tenant — unless `tenantKeys` is off, when it is
 * refused. Tenants never see each other's tickets; what a caller may not see
 * does not exist for it (404, never 403).
 */
export interface Scope {
  tenant: string;
  /** Undefined: every customer of the tenant. */
  customerId?: string;
}

export function scopeOf(caller: Caller, tenantKeys: boolean): Scope {
  if (caller.customerId !== undefined) return { tenant: caller.tenant, customerId: caller.customerId };
  if (!tenantKeys) throw customerRequired();
  return { tenant: caller.tenant };
}

/** The customer a new ticket is filed for. */
export function ownerFor(caller: Caller, bodyCustomerId: string, tenantKeys: boolean): string {
  const scope = scopeOf(caller, tenantKeys);
  if (scope.customerId !== undefined && scope.customerId !== bodyCustomerId) {
    throw new AuthError('CUSTOMER_MISMATCH', `this credential files tickets for customer ${scope.customerId} only; the body names ${bodyCustomerId}`, { status: 403 });
  }
  return bodyCustomerId;
}

export function canSee(scope: Scope, ticket: { tenant: string; customer_id: string }): boolean {
  return ticket.tenant === scope.tenant && (scope.customerId === undefined || scope.customerId === ticket.customer_id);
}

function customerRequired(): AuthError {
  return new AuthError('CUSTOMER_REQUIRED', 'this credential names no customer; use a key, token or partner bound to one (support.tickets.tenantKeys is off)', { status: 403 });
}
