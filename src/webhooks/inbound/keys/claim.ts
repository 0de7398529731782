import type { Executor } from '../../../store/index.ts';
import { w, type WebhookKeysTable } from '../../tables.ts';

export interface ClaimArgs {
  source: string;
  key: string;
  token: string;
  now: number;
  leaseMs: number;
  ttlMs: number;
}

/** The conditional insert: true when this caller now holds the key. */
export async function insertClaim(db: Executor, a: ClaimArgs): Promise<boolean> {
  const rows = await w(db)
    .insertInto('webhook_keys')
    .values({
      source: a.source,
      key: a.key,
      status: 'processing',
      token: a.token,
      claimed_at: a.now,
      lease_until: a.now + a.leaseMs,
      expires_at: a.now + a.ttlMs,
      result: null,
    })
    .onConflict((oc) => oc.columns(['source', 'key']).doNothing())
    .returning('token')
    .execute();
  return rows.length === 1;
}

export async function selectKey(db: Executor, source: string, key: string): Promise<WebhookKeysTable | undefined> {
  return w(db).selectFrom('webhook_keys').selectAll().where('source', '=', source).where('key', '=', key).executeTakeFirst();
}

/**
 * Takes over a key whose holder is gone (a claim past its lease) or whose
 * answer expired: compare-and-swap on the previous token, so of two callers
 * racing for the same stale key exactly one wins.
 */
export async function takeOverClaim(db: Executor, a: ClaimArgs & { previousToken: string }): Promise<boolean> {
  const result = await w(db)
    .updateTable('webhook_keys')
    .set({ status: 'processing', token: a.token, claimed_at: a.now, lease_until: a.now + a.leaseMs, expires_at: a.now + a.ttlMs, result: null })
    .where('source', '=', a.source)
    .where('key', '=', a.key)
    .where('token', '=', a.previousToken)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
