import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MigrationSet, Store } from '../../store/index.ts';
import { idempotencyMigrations } from './migrations.ts';
import { IdempotencyStore } from './store.ts';

export interface IdempotencyBackend {
  name: string;
  open(migrations: MigrationSet): Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

/** The idempotency store's contract, run on every SQL backend. */
export function idempotencyContract(backend: IdempotencyBackend): void {
  describe(`idempotency store contract [${backend.name}]`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let records: IdempotencyStore;
    const base = { scope: 'acme|C1|POST /tickets', key: 'k-1', requestHash: 'h1', now: 1_000_000, ttlMs: 86_400_000, lockMs: 60_000 };
    const response = { statusCode: 202, headers: { location: '/t/1', 'content-type': 'application/json' }, body: '{"id":1}' };

    beforeEach(async () => {
      ({ store, cleanup } = await backend.open(idempotencyMigrations));
      records = new IdempotencyStore(store.db);
    });
    afterEach(async () => cleanup());

    it('claims a new key once; a concurrent second claim sees it in progress', async () => {
      const outcomes = await Promise.all([records.claim(base), records.claim(base), records.claim(base)]);
      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'in_progress')).toHaveLength(2);
    });

    it('replays a completed response for the same body and refuses another body', async () => {
      await records.claim(base);
      await records.complete(base.scope, base.key, response);
      expect(await records.claim({ ...base, now: base.now + 1000 })).toEqual({ kind: 'replay', response });
      expect(await records.claim({ ...base, requestHash: 'h2' })).toEqual({ kind: 'mismatch' });
    });

    it('keeps scopes apart', async () => {
      await records.claim(base);
      expect((await records.claim({ ...base, scope: 'other|C2|POST /tickets' })).kind).toBe('claimed');
    });

    it('lets a retry claim again after a release', async () => {
      await records.claim(base);
      await records.release(base.scope, base.key);
      expect((await records.claim(base)).kind).toBe('claimed');
    });

    it('lets a stale in-progress claim or an expired record be taken over, and purges expired ones', async () => {
      await records.claim(base);
      expect((await records.claim({ ...base, now: base.now + 59_999 })).kind).toBe('in_progress');
      expect((await records.claim({ ...base, now: base.now + 60_000 })).kind).toBe('claimed');
      await records.complete(base.scope, base.key, response);
      const later = base.now + 60_000 + base.ttlMs;
      expect((await records.claim({ ...base, requestHash: 'h2', now: later })).kind).toBe('claimed');
      expect(await records.purgeExpired(later + base.ttlMs)).toBe(1);
    });
  });
}
