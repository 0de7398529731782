import { describe, expect, it } from 'vitest';
import { canSee, ownerFor, scopeOf } from './access.ts';

const customer = { tenant: 'acme', keyId: 'k1', customerId: 'C1' };
const integration = { tenant: 'acme', keyId: 'k2' };

describe('access', () => {
  it('a customer credential is scoped to its customer; a tenant credential to its tenant', () => {
    expect(scopeOf(customer, true)).toEqual({ tenant: 'acme', customerId: 'C1' });
    expect(scopeOf(integration, true)).toEqual({ tenant: 'acme' });
    expect(() => scopeOf(integration, false)).toThrow(expect.objectContaining({ code: 'CUSTOMER_REQUIRED', status: 403 }));
  });

  it('files for the credential’s customer only; a tenant credential files for the body customer', () => {
    expect(ownerFor(customer, 'C1', true)).toBe('C1');
    expect(() => ownerFor(customer, 'C2', true)).toThrow(expect.objectContaining({ code: 'CUSTOMER_MISMATCH', status: 403 }));
    expect(ownerFor(integration, 'C9', true)).toBe('C9');
  });

  it('sees a ticket only within its tenant and, when bound, its customer', () => {
    expect(canSee({ tenant: 'acme', customerId: 'C1' }, { tenant: 'acme', customer_id: 'C1' })).toBe(true);
    expect(canSee({ tenant: 'acme', customerId: 'C1' }, { tenant: 'acme', customer_id: 'C2' })).toBe(false);
    expect(canSee({ tenant: 'acme' }, { tenant: 'acme', customer_id: 'C2' })).toBe(true);
    expect(canSee({ tenant: 'acme' }, { tenant: 'globex', customer_id: 'C1' })).toBe(false);
  });
});
