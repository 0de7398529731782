import { ValidationError } from '../kernel/index.ts';

const TENANT = /^[A-Za-z0-9._:-]{1,64}$/;
const ALLOWED = '1–64 characters, each a letter, a digit or one of . _ : -';

/** A key's tenant (API and AWS keys alike): refused with what a tenant may contain. */
export function assertTenant(tenant: string | undefined): asserts tenant is string {
  if (tenant === undefined || tenant === '') throw new ValidationError('KEY_INVALID', `tenant is required: ${ALLOWED}`);
  if (!TENANT.test(tenant)) {
    const bad = [...new Set([...tenant].filter((c) => !/[A-Za-z0-9._:-]/.test(c)))].map((c) => JSON.stringify(c)).join(' ');
    const why = tenant.length > 64 ? `it is ${tenant.length} characters long` : `it contains ${bad}`;
    throw new ValidationError('KEY_INVALID', `tenant ${JSON.stringify(tenant.length > 80 ? `${tenant.slice(0, 80)}…` : tenant)} is not valid (${why}): a tenant is ${ALLOWED}`);
  }
}
