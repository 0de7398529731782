import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';
import { accountFor, looksLikeAccessKeyId } from '../../keys/index.ts';

export interface CreateOptions extends CommonOptions {
  tenant: string;
  plan: string;
  name?: string;
  customer?: string;
  aws?: boolean;
  json?: boolean;
}

export async function create(opts: CreateOptions): Promise<void> {
  if (opts.aws) return createAws(opts);
  await withHashi(opts, async (h) => {
    const created = await h.keys.create({ tenant: opts.tenant, plan: opts.plan, ...(opts.name ? { name: opts.name } : {}), ...(opts.customer ? { customerId: opts.customer } : {}) });
    output(opts.json, { id: created.id, key: created.key, tenant: created.tenant, plan: created.plan }, () =>
      [`created key ${created.id} for tenant ${created.tenant} (plan ${created.plan})`, '', `  ${created.key}`, '', 'store it now: it is not shown again.'].join('\n'),
    );
  });
}

/** An AWS access key: the secret access key is printed once, with the account and region to sign for. */
async function createAws(opts: CreateOptions): Promise<void> {
  await withHashi(opts, async (h) => {
    const created = await h.awsKeys.create({ tenant: opts.tenant, plan: opts.plan, ...(opts.name ? { name: opts.name } : {}) });
    const account = accountFor(created.tenant, h.config.aws.accounts, h.events.identity.account);
    const region = h.events.identity.region;
    output(opts.json, { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, tenant: created.tenant, plan: created.plan, account, region }, () =>
      [
        `created AWS access key ${created.accessKeyId} for tenant ${created.tenant} (account ${account}, plan ${created.plan})`,
        '',
        `  AWS_ACCESS_KEY_ID=${created.accessKeyId}`,
        `  AWS_SECRET_ACCESS_KEY=${created.secretAccessKey}`,
        `  AWS_REGION=${region}`,
        '',
        'store the secret now: it is not shown again.',
      ].join('\n'),
    );
  });
}

export async function list(opts: CommonOptions & { tenant?: string; all?: boolean; aws?: boolean; json?: boolean }): Promise<void> {
  if (opts.aws) return listAws(opts);
  await withHashi(opts, async (h) => {
    const keys = await h.keys.list({ ...(opts.tenant ? { tenant: opts.tenant } : {}), includeRevoked: opts.all ?? false });
    output(opts.json, keys, () =>
      keys.length === 0 ? '(no keys)' : keys.map((k) => `${k.id}  ${k.tenant}  ${k.plan}  ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}${k.name ? `  ${k.name}` : ''}`).join('\n'),
    );
  });
}

async function listAws(opts: CommonOptions & { tenant?: string; all?: boolean; json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const keys = (await h.awsKeys.list({ ...(opts.tenant ? { tenant: opts.tenant } : {}), includeRevoked: opts.all ?? false })).map((k) => ({
      ...k,
      account: accountFor(k.tenant, h.config.aws.accounts, h.events.identity.account),
    }));
    output(opts.json, keys, () =>
      keys.length === 0 ? '(no AWS keys)' : keys.map((k) => `${k.accessKeyId}  ${k.tenant}  ${k.account}  ${k.plan}  ${k.createdAt}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}${k.name ? `  ${k.name}` : ''}`).join('\n'),
    );
  });
}

export async function revoke(id: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  if (looksLikeAccessKeyId(id)) {
    await withHashi(opts, async (h) => {
      const revoked = await h.awsKeys.revoke(id);
      output(opts.json, revoked, () => `revoked AWS key ${revoked.accessKeyId} (tenant ${revoked.tenant})`);
    });
    return;
  }
  await withHashi(opts, async (h) => {
    const revoked = await h.keys.revoke(id);
    output(opts.json, revoked, () => `revoked ${revoked.id} (tenant ${revoked.tenant})`);
  });
}
