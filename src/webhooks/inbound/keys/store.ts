import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../kernel/index.ts';
import type { Executor } from '../../../store/index.ts';
import type { ItemOutcome } from '../../types.ts';
import { insertClaim, selectKey, takeOverClaim } from './claim.ts';
import { completeKey } from './complete.ts';
import { purgeKeys } from './purge.ts';
import { releaseKey } from './release.ts';

/** The answer kept with a completed key and repeated to duplicates. */
export interface KeyResult {
  deliveryId: string;
  eventIds: string[];
  /** For an itemized delivery: every item's outcome, in order. */
  items?: ItemOutcome[];
}

export type ClaimOutcome =
  | { status: 'claimed'; token: string }
  | { status: 'completed'; result: KeyResult }
  | { status: 'in_progress'; retryAfterMs: number };

export interface IdempotencySettings {
  /** A claim older than this is presumed abandoned (its process crashed) and can be taken over. */
  leaseMs: number;
  /** How long a completed key keeps answering duplicates. */
  ttlMs: number;
}

// A key can change hands between our insert and our read (released, taken
// over); a few rounds settle it, after which the caller is told to retry.
const CLAIM_ROUNDS = 3;

/**
 * Idempotency keys of inbound webhooks, one logic over four SQL verbs
 * (claim, complete, release, purge) that behave the same on SQLite and
 * PostgreSQL: the conditional insert decides who accepts a delivery.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly settings: IdempotencySettings,
  ) {}

  /**
   * Claims a key on `db`, or inside the caller's transaction `tx`: then the
   * claim commits (or rolls back) with the accept itself, and a concurrent
   * duplicate waits for that commit (PostgreSQL's unique index; SQLite's single
   * writer) and sees the completed key.
   */
  async claim(source: string, key: string, tx: Executor = this.db): Promise<ClaimOutcome> {
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const now = this.clock.now();
      const args = { source, key, token: randomUUID(), now, leaseMs: this.settings.leaseMs, ttlMs: this.settings.ttlMs };
      if (await insertClaim(tx, args)) return { status: 'claimed', token: args.token };
      const existing = await selectKey(tx, source, key);
      if (!existing) continue;
      if (existing.status === 'completed' && existing.expires_at > now) {
        return { status: 'completed', result: JSON.parse(existing.result ?? '{}') as KeyResult };
      }
      if (existing.status === 'processing' && existing.lease_until > now) {
        return { status: 'in_progress', retryAfterMs: existing.lease_until - now };
      }
      if (await takeOverClaim(tx, { ...args, previousToken: existing.token })) return { status: 'claimed', token: args.token };
    }
    return { status: 'in_progress', retryAfterMs: 1000 };
  }

  /** The answer of a completed, unexpired key, read without taking any lock (the duplicate fast path). */
  async peek(source: string, key: string): Promise<KeyResult | undefined> {
    const row = await selectKey(this.db, source, key);
    return row?.status === 'completed' && row.expires_at > this.clock.now() ? (JSON.parse(row.result ?? '{}') as KeyResult) : undefined;
  }

  /** Inside the accepting transaction; false means the claim was lost and the transaction must roll back. */
  async complete(tx: Executor, source: string, key: string, token: string, result: KeyResult): Promise<boolean> {
    return completeKey(tx, { source, key, token, result: JSON.stringify(result), expiresAt: this.clock.now() + this.settings.ttlMs });
  }

  async release(source: string, key: string, token: string): Promise<boolean> {
    return releaseKey(this.db, { source, key, token });
  }

  async purge(): Promise<number> {
    return purgeKeys(this.db, this.clock.now());
  }
}
