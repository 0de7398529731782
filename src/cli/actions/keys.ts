import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';

export interface CreateOptions extends CommonOptions {
  tenant: string;
  plan: string;
  name?: string;
  customer?: string;
  json?: boolean;
}

export async function create(opts: CreateOptions): Promise<void> {
  await withHashi(opts, async (h) => {
    const created = await h.keys.create({ tenant: opts.tenant, plan: opts.plan, ...(opts.name ? { name: opts.name } : {}), ...(opts.customer ? { customerId: opts.customer } : {}) });
    output(opts.json, { id: created.id, key: created.key, tenant: created.tenant, plan: created.plan }, () =>
      [`created key ${created.id} for tenant ${created.tenant} (plan ${created.plan})`, '', `  ${created.key}`, '', 'store it now: it is not shown again.'].join('\n'),
    );
  });
}

export async function list(opts: CommonOptions & { tenant?: string; all?: boolean; json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const keys = await h.keys.list({ ...(opts.tenant ? { tenant: opts.tenant } : {}), includeRevoked: opts.all ?? false });
    output(opts.json, keys, () =>
      keys.length === 0 ? '(no keys)' : keys.map((k) => `${k.id}  ${k.tenant}  ${k.plan}  ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}${k.name ? `  ${k.name}` : ''}`).join('\n'),
    );
  });
}

export async function revoke(id: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const revoked = await h.keys.revoke(id);
    output(opts.json, revoked, () => `revoked ${revoked.id} (tenant ${revoked.tenant})`);
  });
}
