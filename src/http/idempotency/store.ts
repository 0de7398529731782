import type { Executor } from '../../store/index.ts';

type IdempotencyTable = {
  scope: string;
  key: string;
  request_hash: string;
  state: 'in_progress' | 'completed';
  status_code: number | null;
  headers: string | null;
  body: string | null;
  locked_at: number;
  expires_at: number;
};

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: StoredResponse };

/**
 * Idempotency records for `Idempotency-Key` requests: a conditional insert
 * claims the key; a completed record replays; a stale claim (its holder died)
 * or an expired record may be taken over.
 */
export class IdempotencyStore {
  constructor(private readonly db: Executor) {}

  private get t() {
    return this.db.withTables<{ idempotency_records: IdempotencyTable }>();
  }

  async claim(args: { scope: string; key: string; requestHash: string; now: number; ttlMs: number; lockMs: number }): Promise<ClaimOutcome> {
    const row: IdempotencyTable = {
      scope: args.scope,
      key: args.key,
      request_hash: args.requestHash,
      state: 'in_progress',
      status_code: null,
      headers: null,
      body: null,
      locked_at: args.now,
      expires_at: args.now + args.ttlMs,
    };
    const inserted = await this.t
      .insertInto('idempotency_records')
      .values(row)
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed' };

    // Take over an expired record, or a claim whose holder stopped without finishing.
    const takeover = await this.t
      .updateTable('idempotency_records')
      .set({ request_hash: args.requestHash, state: 'in_progress', status_code: null, headers: null, body: null, locked_at: args.now, expires_at: args.now + args.ttlMs })
      .where('scope', '=', args.scope)
      .where('key', '=', args.key)
      .where((eb) => eb.or([eb('expires_at', '<=', args.now), eb.and([eb('state', '=', 'in_progress'), eb('locked_at', '<=', args.now - args.lockMs)])]))
      .executeTakeFirst();
    if (Number(takeover.numUpdatedRows) > 0) return { kind: 'claimed' };

    const existing = await this.t.selectFrom('idempotency_records').selectAll().where('scope', '=', args.scope).where('key', '=', args.key).executeTakeFirst();
    if (!existing) return this.claim(args);
    if (existing.request_hash !== args.requestHash) return { kind: 'mismatch' };
    if (existing.state === 'in_progress') return { kind: 'in_progress' };
    return {
      kind: 'replay',
      response: { statusCode: existing.status_code ?? 200, headers: JSON.parse(existing.headers ?? '{}') as Record<string, string>, body: existing.body ?? '' },
    };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.t
      .updateTable('idempotency_records')
      .set({ state: 'completed', status_code: response.statusCode, headers: JSON.stringify(response.headers), body: response.body })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  /** Forget a claim whose request failed on our side, so the caller's retry runs again. */
  async release(scope: string, key: string): Promise<void> {
    await this.t.deleteFrom('idempotency_records').where('scope', '=', scope).where('key', '=', key).where('state', '=', 'in_progress').execute();
  }

  async purgeExpired(now: number): Promise<number> {
    const res = await this.t.deleteFrom('idempotency_records').where('expires_at', '<=', now).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
