import { NotFoundError, ValidationError, type Clock } from '../kernel/index.ts';
import type { Executor } from '../store/index.ts';
import { generateKey, hashKey, parseKey, sameDigest } from './format.ts';
import { assertTenant } from './tenant.ts';

type ApiKeysTable = {
  id: string;
  hash: string;
  tenant: string;
  plan: string;
  name: string;
  customer_id: string | null;
  created_at: number;
  revoked_at: number | null;
};

export interface ApiKeyRecord {
  id: string;
  tenant: string;
  plan: string;
  name: string;
  customerId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedKey extends ApiKeyRecord {
  /** The plain key: shown once, never stored. */
  key: string;
}

export class KeyRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly plans: readonly string[],
  ) {}

  private get t() {
    return this.db.withTables<{ api_keys: ApiKeysTable }>();
  }

  async create(input: { tenant: string; plan?: string; name?: string; customerId?: string }): Promise<CreatedKey> {
    const plan = input.plan ?? 'default';
    assertTenant(input.tenant);
    if (!this.plans.includes(plan)) {
      throw new ValidationError('KEY_INVALID', `plan "${plan}" is not configured (known: ${this.plans.join(', ')})`);
    }
    const { id, key, hash } = generateKey();
    const row: ApiKeysTable = {
      id,
      hash,
      tenant: input.tenant,
      plan,
      name: input.name ?? '',
      customer_id: input.customerId ?? null,
      created_at: this.clock.now(),
      revoked_at: null,
    };
    await this.t.insertInto('api_keys').values(row).execute();
    return { ...toRecord(row), key };
  }

  async list(filter: { tenant?: string; includeRevoked?: boolean } = {}): Promise<ApiKeyRecord[]> {
    const rows = await this.t
      .selectFrom('api_keys')
      .selectAll()
      .$if(filter.tenant !== undefined, (qb) => qb.where('tenant', '=', filter.tenant!))
      .$if(!filter.includeRevoked, (qb) => qb.where('revoked_at', 'is', null))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async revoke(id: string): Promise<ApiKeyRecord> {
    const res = await this.t.updateTable('api_keys').set({ revoked_at: this.clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    const row = await this.t.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('KEY_NOT_FOUND', `no API key with id ${id}`);
    void res;
    return toRecord(row);
  }

  /** The active key row with this id and its digest, for verification. */
  async findActive(id: string): Promise<{ record: ApiKeyRecord; hash: string } | undefined> {
    const row = await this.t.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    return { record: toRecord(row), hash: row.hash };
  }

  /** The active key matching `presented`, or undefined. */
  async verify(presented: string): Promise<ApiKeyRecord | undefined> {
    const parsed = parseKey(presented);
    if (!parsed) return undefined;
    const found = await this.findActive(parsed.id);
    return found && digestMatches(found.hash, presented) ? found.record : undefined;
  }
}

/** Constant-time comparison of a stored digest (hex) with the digest of a presented key. */
export function digestMatches(storedHex: string, presented: string): boolean {
  return sameDigest(storedHex.toLowerCase(), hashKey(presented));
}

function toRecord(row: ApiKeysTable): ApiKeyRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    plan: row.plan,
    name: row.name,
    customerId: row.customer_id,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}
