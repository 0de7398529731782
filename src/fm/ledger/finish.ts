import type { AnyTx, StoreCapabilities } from '../../store/index.ts';
import { fm } from '../tables.ts';
import { lockScopes } from './reserve.ts';

/**
 * Ends a hold inside the caller's transaction: `actualUsd` settles it (the
 * real cost replaces the held amount), `undefined` releases it. The hold row
 * is deleted first, so a second settle or release of the same id finds
 * nothing and changes nothing.
 */
export async function finishHold(tx: AnyTx, caps: StoreCapabilities, id: string, actualUsd: number | undefined, now: number): Promise<boolean> {
  const hold = await fm(tx)
    .selectFrom('fm_budget_holds')
    .selectAll()
    .where('id', '=', id)
    .$if(!caps.singleWriter, (qb) => qb.forUpdate())
    .executeTakeFirst();
  if (!hold) return false;
  const deleted = await fm(tx).deleteFrom('fm_budget_holds').where('id', '=', id).executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) return false;
  const keys = (JSON.parse(hold.scope_keys) as string[]).sort();
  if (keys.length === 0) return true;
  await lockScopes(tx, caps, keys);
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
