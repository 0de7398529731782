import type { FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../test/support/backends.ts';
import { MemoryCache } from '../cache/index.ts';
import { AuthError, FakeClock } from '../kernel/index.ts';
import { keysMigrations } from './migrations.ts';
import { KeyRepository } from './repository.ts';
import { apiKeyScheme } from './scheme.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe('apiKeyScheme', () => {
  let clock: FakeClock;
  let cache: MemoryCache;
  let repo: KeyRepository;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const opened = await sqliteBackend.open(keysMigrations);
    cleanup = opened.cleanup;
    clock = new FakeClock();
    cache = new MemoryCache(clock, 100);
    repo = new KeyRepository(opened.store.db, clock, ['default', 'gold']);
  });
  afterEach(async () => {
    await cleanup();
  });

  const refusal = async (promise: Promise<unknown>) => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthError);
    return (err as AuthError).code;
  };

  it('accepts a key from Bearer or x-api-key, from the store and then from the cache', async () => {
    const scheme = apiKeyScheme(repo, cache, 60_000);
    const { key, id } = await repo.create({ tenant: 'acme', plan: 'gold', customerId: 'c1' });
    const expected = { scheme: 'key', keyId: id, tenant: 'acme', plan: 'gold', admin: false, customerId: 'c1' };
    expect(scheme.accepts(request({ authorization: `Bearer ${key}` }))).toBe(true);
    expect(await scheme.authenticate(request({ authorization: `Bearer ${key}` }))).toEqual(expected);
    expect(await cache.get(`auth:key:${id}`)).toContain(id);
    expect(await scheme.authenticate(request({ 'x-api-key': key }))).toEqual(expected);
  });

  it('hands out a fresh principal each time', async () => {
    const scheme = apiKeyScheme(repo, cache, 60_000);
    const { key } = await repo.create({ tenant: 'acme' });
    const first = await scheme.authenticate(request({ 'x-api-key': key }));
    (first as { tenant: string }).tenant = 'changed';
    expect((await scheme.authenticate(request({ 'x-api-key': key }))).tenant).toBe('acme');
  });

  it('refuses forged, malformed and unknown keys', async () => {
    const scheme = apiKeyScheme(repo, cache, 60_000);
    const { key } = await repo.create({ tenant: 'acme' });
    await scheme.authenticate(request({ 'x-api-key': key }));
    const forged = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(await refusal(scheme.authenticate(request({ 'x-api-key': forged })))).toBe('AUTH_INVALID');
    expect(await refusal(scheme.authenticate(request({ 'x-api-key': 'hsk_garbage' })))).toBe('AUTH_INVALID');
    expect(await refusal(scheme.authenticate(request({ 'x-api-key': `hsk_0000000000000000_${'A'.repeat(43)}` })))).toBe('AUTH_INVALID');
    expect(scheme.accepts(request({ authorization: 'Bearer not-a-key' }))).toBe(false);
  });

  it('refuses a key at once when it is invalidated after revocation', async () => {
    const scheme = apiKeyScheme(repo, cache, 60_000);
    const { key, id } = await repo.create({ tenant: 'acme' });
    await scheme.authenticate(request({ 'x-api-key': key }));
    await repo.revoke(id);
    await scheme.invalidate(id);
    expect(await refusal(scheme.authenticate(request({ 'x-api-key': key })))).toBe('AUTH_INVALID');
  });

  it('follows the cache entry when it changes, and the store once it expires', async () => {
    const scheme = apiKeyScheme(repo, cache, 60_000);
    const { key, id } = await repo.create({ tenant: 'acme' });
    await scheme.authenticate(request({ 'x-api-key': key }));
    // Another replica cached a newer row (e.g. the plan changed).
    const entry = JSON.parse((await cache.get(`auth:key:${id}`))!) as { record: { plan: string } };
    entry.record.plan = 'gold';
    await cache.set(`auth:key:${id}`, JSON.stringify(entry), 60_000);
    expect((await scheme.authenticate(request({ 'x-api-key': key }))).plan).toBe('gold');
    // Revoked elsewhere: refused once the cached row expires.
    await repo.revoke(id);
    expect((await scheme.authenticate(request({ 'x-api-key': key }))).plan).toBe('gold');
    clock.tick(60_000);
    expect(await refusal(scheme.authenticate(request({ 'x-api-key': key })))).toBe('AUTH_INVALID');
  });
});
