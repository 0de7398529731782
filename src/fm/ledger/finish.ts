import type { AnyTx, StoreCapabilities } from '../../store/index.ts';
import { fm } from '../tables.ts';
import { lockScopes } from './reserve.ts';

/**
 * Ends a hold inside the caller's transaction: `actualUsd` settles it (the
 * real cost replaces the held amount), `undefined` releases it. Deleting the
 * hold row is what claims it, so a second settle or release of the same id
 * finds nothing and changes nothing. Engines with concurrent writers lock the
 * scope rows in key order first, as reserve does, so the two cannot deadlock.
 */
export async function finishHold(tx: AnyTx, caps: StoreCapabilities, id: string, actualUsd: number | undefined, now: number): Promise<boolean> {
  const hold = await fm(tx).deleteFrom('fm_budget_holds').where('id', '=', id).returning(['scope_keys', 'amount_usd']).executeTakeFirst();
  if (!hold) return false;
  const keys = (JSON.parse(hold.scope_keys) as string[]).sort();
  if (keys.length === 0) return true;
  if (!caps.singleWriter) await lockScopes(tx, caps, keys);
  const amount = Number(hold.amount_usd);
  await fm(tx)
    .updateTable('fm_budget_scopes')
    .set((eb) => ({
      reserved_usd: eb('reserved_usd', '-', amount),
      settled_usd: eb('settled_usd', '+', actualUsd ?? 0),
      updated_at: now,
    }))
    .where('scope_key', 'in', keys)
    .execute();
  return true;
}
