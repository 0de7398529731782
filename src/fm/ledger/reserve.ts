import type { AnyTx, StoreCapabilities } from '../../store/index.ts';
import { wouldExceed, type ReserveResult } from '../cost/index.ts';
import { fm } from '../tables.ts';

export interface ReserveArgs {
  id: string;
  scopeKeys: readonly string[];
  amountUsd: number;
  limitsUsd: Readonly<Record<string, number>>;
  now: number;
}

/**
 * One reservation, inside the caller's transaction: make sure the scope rows
 * exist and lock them in key order (SQLite's single writer needs no row
 * locks), check each limit in the order given, then hold the amount on all
 * of them and record the hold.
 */
export async function reserveHold(tx: AnyTx, caps: StoreCapabilities, args: ReserveArgs): Promise<ReserveResult> {
  const keys = [...new Set(args.scopeKeys)].sort();
  if (keys.length === 0) return { ok: true, reservationId: args.id };
  // With concurrent writers, rows are created before any lock is taken, so every transaction
  // waits on rows in key order (inserting a missing row while holding a lock can deadlock).
  if (!caps.singleWriter) await createScopes(tx, keys, args.now);
  let rows = await lockScopes(tx, caps, keys);
  if (rows.length < keys.length) {
    // A new period or subject (single writer: nothing to deadlock with).
    await createScopes(tx, keys, args.now);
    rows = await lockScopes(tx, caps, keys);
  }
  const used = new Map(rows.map((r) => [r.scope_key, Number(r.settled_usd) + Number(r.reserved_usd)]));
  for (const scopeKey of args.scopeKeys) {
    const limitUsd = args.limitsUsd[scopeKey];
    if (limitUsd === undefined) continue;
    const usedUsd = used.get(scopeKey) ?? 0;
    if (wouldExceed(usedUsd, args.amountUsd, limitUsd)) return { ok: false, scopeKey, limitUsd, usedUsd };
  }
  await fm(tx)
    .updateTable('fm_budget_scopes')
    .set((eb) => ({ reserved_usd: eb('reserved_usd', '+', args.amountUsd), updated_at: args.now }))
    .where('scope_key', 'in', keys)
    .execute();
  await fm(tx)
    .insertInto('fm_budget_holds')
    .values({ id: args.id, scope_keys: JSON.stringify(keys), amount_usd: args.amountUsd, created_at: args.now })
    .execute();
  return { ok: true, reservationId: args.id };
}

/** Creates missing scope rows (sorted keys; existing rows are left alone and not locked). */
export function createScopes(tx: AnyTx, keys: readonly string[], now: number) {
  return fm(tx)
    .insertInto('fm_budget_scopes')
    .values(keys.map((scope_key) => ({ scope_key, settled_usd: 0, reserved_usd: 0, updated_at: now })))
    .onConflict((oc) => oc.column('scope_key').doNothing())
    .execute();
}

/** Locks the scope rows in key order where the engine has concurrent writers. */
export function lockScopes(tx: AnyTx, caps: StoreCapabilities, sortedKeys: readonly string[]) {
  return fm(tx)
    .selectFrom('fm_budget_scopes')
    .selectAll()
    .where('scope_key', 'in', sortedKeys)
    .orderBy('scope_key')
    .$if(!caps.singleWriter, (qb) => qb.forUpdate())
    .execute();
}
