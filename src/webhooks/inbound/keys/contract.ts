import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../kernel/index.ts';
import type { MigrationSet, Store } from '../../../store/index.ts';
import { webhooksMigrations } from '../../migrations.ts';
import { IdempotencyStore } from './store.ts';

export interface KeysBackend {
  name: string;
  open(migrations: MigrationSet): Promise<{ store: Store; cleanup: () => Promise<void> }>;
  reopen?(store: Store): Promise<Store>;
}

const LEASE = 60_000;
const TTL = 86_400_000;

/** The idempotency store's contract: every store backend must pass it unchanged. */
export function idempotencyContract(backend: KeysBackend): void {
  describe(`webhook idempotency keys [${backend.name}]`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let clock: FakeClock;
    let keys: IdempotencyStore;
    const extra: Store[] = [];

    beforeEach(async () => {
      ({ store, cleanup } = await backend.open(webhooksMigrations));
      clock = new FakeClock(Date.UTC(2026, 5, 1));
      keys = new IdempotencyStore(store.db, clock, { leaseMs: LEASE, ttlMs: TTL });
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await cleanup();
    });

    it('gives a key to the first claimant only; the second is told it is in progress', async () => {
      const first = await keys.claim('stripe', 'evt_1');
      const second = await keys.claim('stripe', 'evt_1');
      expect(first.status).toBe('claimed');
      expect(second).toEqual({ status: 'in_progress', retryAfterMs: LEASE });
    });

    it('answers duplicates of a completed key with the stored result until the TTL passes', async () => {
      const claim = await keys.claim('stripe', 'evt_1');
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      const ok = await store.transaction((tx) => keys.complete(tx, 'stripe', 'evt_1', claim.token, { deliveryId: 'whd_1', eventIds: ['e1', 'e2'] }));
      clock.tick(TTL - 1);
      const dup = await keys.claim('stripe', 'evt_1');
      clock.tick(1);
      const afterTtl = await keys.claim('stripe', 'evt_1');
      expect(ok).toBe(true);
      expect(dup).toEqual({ status: 'completed', result: { deliveryId: 'whd_1', eventIds: ['e1', 'e2'] } });
      expect(afterTtl.status).toBe('claimed');
    });

    it('lets the next claimant in after a release, and only the holder can release', async () => {
      const claim = await keys.claim('github', 'd-1');
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      const wrong = await keys.release('github', 'd-1', 'not-the-token');
      const stillHeld = await keys.claim('github', 'd-1');
      const released = await keys.release('github', 'd-1', claim.token);
      const next = await keys.claim('github', 'd-1');
      expect(wrong).toBe(false);
      expect(stillHeld.status).toBe('in_progress');
      expect(released).toBe(true);
      expect(next.status).toBe('claimed');
    });

    it('hands an abandoned claim over after its lease, and the old holder can then neither complete nor release', async () => {
      const old = await keys.claim('stripe', 'evt_9');
      if (old.status !== 'claimed') throw new Error('expected a claim');
      clock.tick(LEASE - 1);
      const early = await keys.claim('stripe', 'evt_9');
      clock.tick(1);
      const taken = await keys.claim('stripe', 'evt_9');
      const lateComplete = await store.transaction((tx) => keys.complete(tx, 'stripe', 'evt_9', old.token, { deliveryId: 'x', eventIds: [] }));
      const lateRelease = await keys.release('stripe', 'evt_9', old.token);
      expect(early).toEqual({ status: 'in_progress', retryAfterMs: 1 });
      expect(taken.status).toBe('claimed');
      expect(lateComplete).toBe(false);
      expect(lateRelease).toBe(false);
      expect((await keys.claim('stripe', 'evt_9')).status).toBe('in_progress');
    });

    it('keeps the claim when the completing transaction rolls back', async () => {
      const claim = await keys.claim('stripe', 'evt_2');
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      await expect(
        store.transaction(async (tx) => {
          await keys.complete(tx, 'stripe', 'evt_2', claim.token, { deliveryId: 'whd_2', eventIds: [] });
          throw new Error('publish failed');
        }),
      ).rejects.toThrow('publish failed');
      expect((await keys.claim('stripe', 'evt_2')).status).toBe('in_progress');
      expect(await keys.release('stripe', 'evt_2', claim.token)).toBe(true);
    });

    it('peeks at completed, unexpired keys only', async () => {
      const claim = await keys.claim('stripe', 'evt_peek');
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      const whileProcessing = await keys.peek('stripe', 'evt_peek');
      await store.transaction((tx) => keys.complete(tx, 'stripe', 'evt_peek', claim.token, { deliveryId: 'whd_p', eventIds: ['a'] }));
      const completed = await keys.peek('stripe', 'evt_peek');
      clock.tick(TTL);
      const expired = await keys.peek('stripe', 'evt_peek');
      expect([whileProcessing, completed, expired]).toEqual([undefined, { deliveryId: 'whd_p', eventIds: ['a'] }, undefined]);
    });

    it('scopes keys by source', async () => {
      const a = await keys.claim('stripe', 'same');
      const b = await keys.claim('reviews', 'same');
      expect([a.status, b.status]).toEqual(['claimed', 'claimed']);
    });

    it('lets exactly one of many concurrent claimants win, across two connections', async () => {
      const other = backend.reopen ? await backend.reopen(store) : store;
      if (other !== store) extra.push(other);
      const otherKeys = new IdempotencyStore(other.db, clock, { leaseMs: LEASE, ttlMs: TTL });
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? keys : otherKeys).claim('stripe', 'evt_race')));
      expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'in_progress')).toHaveLength(11);
    });

    it('claims inside the accepting transaction: a concurrent claimant waits for the commit and sees the key completed', async () => {
      // One writer (SQLite): the same handle, whose queries queue behind the transaction. Otherwise another connection.
      const other = store.caps.singleWriter || !backend.reopen ? store : await backend.reopen(store);
      if (other !== store) extra.push(other);
      const otherKeys = new IdempotencyStore(other.db, clock, { leaseMs: LEASE, ttlMs: TTL });
      let claimed!: () => void;
      const inside = new Promise<void>((r) => (claimed = r));
      let commit!: () => void;
      const gate = new Promise<void>((r) => (commit = r));
      const accepting = store.transaction(async (tx) => {
        const claim = await keys.claim('stripe', 'evt_tx', tx);
        if (claim.status !== 'claimed') throw new Error('expected a claim');
        claimed();
        await gate;
        await keys.complete(tx, 'stripe', 'evt_tx', claim.token, { deliveryId: 'whd_tx', eventIds: ['e'] });
      });
      await inside;
      const duplicate = otherKeys.claim('stripe', 'evt_tx');
      commit();
      await accepting;
      expect(await duplicate).toEqual({ status: 'completed', result: { deliveryId: 'whd_tx', eventIds: ['e'] } });
    });

    it('lets exactly one of two concurrent claimants take over an abandoned claim', async () => {
      await keys.claim('stripe', 'evt_stale');
      clock.tick(LEASE + 1);
      const outcomes = await Promise.all([keys.claim('stripe', 'evt_stale'), keys.claim('stripe', 'evt_stale'), keys.claim('stripe', 'evt_stale')]);
      expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1);
    });

    it('purges expired keys and nothing else', async () => {
      const done = await keys.claim('s', 'done');
      if (done.status !== 'claimed') throw new Error('expected a claim');
      await store.transaction((tx) => keys.complete(tx, 's', 'done', done.token, { deliveryId: 'd', eventIds: [] }));
      clock.tick(TTL);
      await keys.claim('s', 'fresh');
      const purged = await keys.purge();
      expect(purged).toBe(1);
      expect((await keys.claim('s', 'fresh')).status).toBe('in_progress');
      expect((await keys.claim('s', 'done')).status).toBe('claimed');
    });
  });
}
