import type { Cache } from '../../cache/index.ts';
import type { Clock } from '../../kernel/index.ts';
import { accountFor, type AwsKeyRepository, type SealedAwsKey } from '../../keys/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Caller } from '../protocol/service.ts';
import { verifySigV4, type SignedHttpRequest, type SigV4Failure } from '../sigv4/index.ts';

export interface AwsAuthDeps {
  keys: AwsKeyRepository;
  cache: Cache;
  cacheTtlMs: number;
  clock: Clock;
  logger: Logger;
  /** events.region: credentials must be scoped to it. */
  region: string;
  /** events.account: the account of hashi.yaml's buses and queues. */
  systemAccount: string;
  accounts: Readonly<Record<string, string>>;
  allowUnsigned: boolean;
  unsignedTenant: string;
}

export type AuthOutcome = { ok: true; caller: Caller } | { ok: false; failure: SigV4Failure | 'internal'; message: string };

/** Raised when a stored secret no longer opens (aws.keyEncryptionSecret changed): a server fault, not the caller's. */
class SealBroken extends Error {}

/**
 * SigV4 against Hashi's AWS keys. Key rows — with the secret still sealed —
 * are cached like API keys (revoking through the server clears the entry);
 * the secret is opened in this process for each request and never logged.
 */
export function awsAuthenticator(deps: AwsAuthDeps) {
  const cacheKey = (id: string) => `auth:aws:${id}`;
  const lookup = async (id: string): Promise<SealedAwsKey | undefined> => {
    const cached = await deps.cache.get(cacheKey(id));
    if (cached) return JSON.parse(cached) as SealedAwsKey;
    const found = await deps.keys.findActive(id);
    if (found) await deps.cache.set(cacheKey(id), JSON.stringify(found), deps.cacheTtlMs);
    return found;
  };
  const callerOf = (tenant: string, accessKeyId: string, plan: string): Caller => ({
    tenant,
    account: accountFor(tenant, deps.accounts, deps.systemAccount),
    accessKeyId,
    plan,
  });

  return {
    invalidate: (accessKeyId: string) => deps.cache.delete(cacheKey(accessKeyId)),

    async authenticate(req: SignedHttpRequest, service: { signingName: string; clockWindowMs: number }): Promise<AuthOutcome> {
      if (deps.allowUnsigned && req.headers.authorization === undefined) return { ok: true, caller: callerOf(deps.unsignedTenant, 'unsigned', 'default') };
      let key: SealedAwsKey | undefined;
      try {
        const result = await verifySigV4(req, {
          region: deps.region,
          service: service.signingName,
          now: deps.clock.now(),
          windowMs: service.clockWindowMs,
          secretFor: async (id) => {
            key = await lookup(id);
            if (!key) return undefined;
            try {
              return deps.keys.openSecret(key);
            } catch (err) {
              throw new SealBroken((err as Error).message);
            }
          },
        });
        if (!result.ok) return result;
        return { ok: true, caller: callerOf(key!.record.tenant, key!.record.accessKeyId, key!.record.plan) };
      } catch (err) {
        if (!(err instanceof SealBroken)) throw err;
        deps.logger.error({ accessKeyId: key?.record.accessKeyId, reason: err.message }, 'cannot open a stored AWS secret: was aws.keyEncryptionSecret (or <dataDir>/aws-keys.secret) changed?');
        return { ok: false, failure: 'internal', message: 'The server could not check this credential.' };
      }
    },
  };
}

export type AwsAuthenticator = ReturnType<typeof awsAuthenticator>;
