import type { AnyTx, StoreCapabilities } from '../../store/index.ts';
import { fm } from '../tables.ts';
import { createScopes, lockScopes } from './reserve.ts';

/** The store's side of one scope with a limit, read under its row lock. */
export interface StoredScope {
  settledUsd: number;
  othersLeaseUsd: number;
  othersHeldUsd: number;
  others: number;
}

export interface SyncWrite {
  /** Scope rows to make sure of first (new scopes). */
  create: readonly string[];
  /** Settled spend to add, per scope. */
  deltas: ReadonlyMap<string, number>;
  /** Scopes with a limit whose leases this sync reads (and may rewrite). */
  leased: readonly string[];
  owner: string;
  now: number;
}

/** This process's leases to write: amount and what it holds (or wants) of it; a row with neither is deleted. */
export type LeaseWrites = Map<string, { amountUsd: number; heldUsd: number; expiresAt: number }>;

/**
 * One sync of the leased ledger, inside the caller's transaction: lock every
 * scope row it touches in key order (engines with concurrent writers; SQLite's
 * single writer needs none), add the settled deltas, read the other
 * processes' unexpired leases, let `decide` (synchronous: it also updates the
 * process's own book) choose this process's leases, and write them. Every
 * change to a scope's leases happens under that scope's row lock, so the
 * store keeps settled + unexpired leases ≤ limit.
 */
export async function syncLeases(tx: AnyTx, caps: StoreCapabilities, write: SyncWrite, decide: (stored: Map<string, StoredScope>) => LeaseWrites): Promise<void> {
  const keys = [...new Set([...write.deltas.keys(), ...write.leased])].sort();
  if (write.create.length > 0) await createScopes(tx, [...write.create].sort(), write.now);
  const rows = keys.length > 0 ? await lockScopes(tx, caps, keys) : [];
  const settled = new Map(rows.map((r) => [r.scope_key, Number(r.settled_usd)]));
  const deltas = [...write.deltas].filter(([, usd]) => usd !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (deltas.length > 0) await addSettled(tx, deltas, write.now);
  for (const [key, usd] of deltas) settled.set(key, (settled.get(key) ?? 0) + usd);
  const stored = await readLeases(tx, write, settled);
  const leases = decide(stored);
  await writeLeases(tx, write, leases);
}

function addSettled(tx: AnyTx, deltas: readonly [string, number][], now: number) {
  return fm(tx)
    .insertInto('fm_budget_scopes')
    .values(deltas.map(([scope_key, usd]) => ({ scope_key, settled_usd: usd, reserved_usd: 0, updated_at: now })))
    .onConflict((oc) =>
      oc.column('scope_key').doUpdateSet((eb) => ({
        settled_usd: eb('fm_budget_scopes.settled_usd', '+', eb.ref('excluded.settled_usd')),
        updated_at: now,
      })),
    )
    .execute();
}

async function readLeases(tx: AnyTx, write: SyncWrite, settled: ReadonlyMap<string, number>): Promise<Map<string, StoredScope>> {
  const stored = new Map<string, StoredScope>(write.leased.map((key) => [key, { settledUsd: settled.get(key) ?? 0, othersLeaseUsd: 0, othersHeldUsd: 0, others: 0 }]));
  if (write.leased.length === 0) return stored;
  const leases = await fm(tx).selectFrom('fm_budget_leases').selectAll().where('scope_key', 'in', write.leased).execute();
  let expired = false;
  for (const lease of leases) {
    if (lease.owner === write.owner) continue;
    if (Number(lease.expires_at) <= write.now) {
      expired = true;
      continue;
    }
    const scope = stored.get(lease.scope_key)!;
    scope.othersLeaseUsd += Number(lease.amount_usd);
    scope.othersHeldUsd += Number(lease.held_usd);
    scope.others += 1;
  }
  if (expired) {
    // A crashed (or stalled) process's allowance comes back to the budget.
    await fm(tx).deleteFrom('fm_budget_leases').where('scope_key', 'in', write.leased).where('expires_at', '<=', write.now).where('owner', '<>', write.owner).execute();
  }
  return stored;
}

async function writeLeases(tx: AnyTx, write: SyncWrite, leases: LeaseWrites): Promise<void> {
  const kept = (l: { amountUsd: number; heldUsd: number }) => l.amountUsd > 0 || l.heldUsd > 0;
  const keep = [...leases].filter(([, l]) => kept(l)).sort(([a], [b]) => (a < b ? -1 : 1));
  const drop = [...leases].filter(([, l]) => !kept(l)).map(([key]) => key);
  if (keep.length > 0) {
    await fm(tx)
      .insertInto('fm_budget_leases')
      .values(keep.map(([scope_key, l]) => ({ scope_key, owner: write.owner, amount_usd: l.amountUsd, held_usd: l.heldUsd, expires_at: l.expiresAt, updated_at: write.now })))
      .onConflict((oc) =>
        oc.columns(['scope_key', 'owner']).doUpdateSet((eb) => ({
          amount_usd: eb.ref('excluded.amount_usd'),
          held_usd: eb.ref('excluded.held_usd'),
          expires_at: eb.ref('excluded.expires_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  if (drop.length > 0) await fm(tx).deleteFrom('fm_budget_leases').where('owner', '=', write.owner).where('scope_key', 'in', drop).execute();
}
