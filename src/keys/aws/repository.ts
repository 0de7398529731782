import { NotFoundError, ValidationError, type Clock } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { generateAccessKeyId, generateSecretAccessKey } from './format.ts';
import type { SecretBox } from './secret-box.ts';
import { assertTenant } from '../tenant.ts';

type AwsKeysTable = {
  access_key_id: string;
  /** The secret access key sealed with the SecretBox (never in clear). */
  secret: string;
  tenant: string;
  plan: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
};

export interface AwsKeyRecord {
  accessKeyId: string;
  tenant: string;
  plan: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedAwsKey extends AwsKeyRecord {
  /** Shown once; stored only sealed. */
  secretAccessKey: string;
}

/** A key row as the verifier needs it: the record and the still-sealed secret. */
export interface SealedAwsKey {
  record: AwsKeyRecord;
  sealedSecret: string;
}


/** AWS access keys (SigV4) issued by Hashi and mapped to a tenant and a usage plan. */
export class AwsKeyRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly plans: readonly string[],
    private readonly box: () => SecretBox,
  ) {}

  private get t() {
    return this.db.withTables<{ aws_access_keys: AwsKeysTable }>();
  }

  async create(input: { tenant: string; plan?: string; name?: string }): Promise<CreatedAwsKey> {
    const plan = input.plan ?? 'default';
    assertTenant(input.tenant);
    if (!this.plans.includes(plan)) throw new ValidationError('KEY_INVALID', `plan "${plan}" is not configured (known: ${this.plans.join(', ')})`);
    const accessKeyId = generateAccessKeyId();
    const secretAccessKey = generateSecretAccessKey();
    const row: AwsKeysTable = {
      access_key_id: accessKeyId,
      secret: this.box().seal(secretAccessKey, accessKeyId),
      tenant: input.tenant,
      plan,
      name: input.name ?? '',
      created_at: this.clock.now(),
      revoked_at: null,
    };
    await this.t.insertInto('aws_access_keys').values(row).execute();
    return { ...toRecord(row), secretAccessKey };
  }

  async list(filter: { tenant?: string; includeRevoked?: boolean } = {}): Promise<AwsKeyRecord[]> {
    const rows = await this.t
      .selectFrom('aws_access_keys')
      .selectAll()
      .$if(filter.tenant !== undefined, (qb) => qb.where('tenant', '=', filter.tenant!))
      .$if(!filter.includeRevoked, (qb) => qb.where('revoked_at', 'is', null))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async revoke(accessKeyId: string): Promise<AwsKeyRecord> {
    await this.t.updateTable('aws_access_keys').set({ revoked_at: this.clock.now() }).where('access_key_id', '=', accessKeyId).where('revoked_at', 'is', null).execute();
    const row = await this.t.selectFrom('aws_access_keys').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst();
    if (!row) throw new NotFoundError('KEY_NOT_FOUND', `no AWS access key ${accessKeyId}`);
    return toRecord(row);
  }

  /** The active key with this id, its secret still sealed (open it with `openSecret`). */
  async findActive(accessKeyId: string): Promise<SealedAwsKey | undefined> {
    const row = await this.t.selectFrom('aws_access_keys').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    return { record: toRecord(row), sealedSecret: row.secret };
  }

  /** The secret access key of a row read by `findActive`; throws when the box's key changed. */
  openSecret(key: SealedAwsKey): string {
    return this.box().open(key.sealedSecret, key.record.accessKeyId);
  }
}

function toRecord(row: AwsKeysTable): AwsKeyRecord {
  return {
    accessKeyId: row.access_key_id,
    tenant: row.tenant,
    plan: row.plan,
    name: row.name,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(Number(row.revoked_at)).toISOString(),
  };
}
