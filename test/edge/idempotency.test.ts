import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MemoryCounter } from '../../src/cache/index.ts';
import { IdempotencyStore, buildServer, idempotencyMigrations } from '../../src/http/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { createMetrics, silentLogger } from '../../src/observability/index.ts';
import type { Store } from '../../src/store/index.ts';
import { sqliteBackend } from '../support/backends.ts';
import { testConfig } from '../support/hashi.ts';

describe('Idempotency-Key at the edge', () => {
  let app: FastifyInstance;
  let store: Store;
  let cleanup: () => Promise<void>;
  let created = 0;
  let failNext = false;
  let release: (() => void) | undefined;

  beforeEach(async () => {
    ({ store, cleanup } = await sqliteBackend.open(idempotencyMigrations));
    const clock = new FakeClock();
    created = 0;
    app = await buildServer({
      config: testConfig(),
      clock,
      logger: silentLogger(),
      metrics: createMetrics(),
      counter: new MemoryCounter(clock),
      authSchemes: [],
      version: 'test',
      readiness: async () => ({ ok: true, checks: {} }),
      idempotency: { store: new IdempotencyStore(store.db), settings: { ttlMs: 86_400_000, lockMs: 60_000 } },
      routes: [
        async (a) => {
          a.post<{ Body: { name: string } }>(
            '/things',
            { config: { auth: 'none', idempotency: true }, schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
            async (request, reply) => {
              if (release) await new Promise<void>((r) => (release = r));
              if (failNext) {
                failNext = false;
                throw new Error('store down');
              }
              created++;
              return reply.code(202).header('location', `/things/${created}`).send({ id: created, name: request.body.name });
            },
          );
        },
      ],
    });
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
  });
  const post = (key: string | undefined, body: unknown) =>
    app.inject({ method: 'POST', url: '/things', headers: key ? { 'idempotency-key': key } : {}, payload: body as Record<string, unknown> });

  it('replays the stored response (status, body, Location) for a repeat with the same body', async () => {
    const first = await post('k1', { name: 'a' });
    const again = await post('k1', { name: 'a' });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(created).toBe(1);
  });

  it('answers 422 for the same key with a different body', async () => {
    await post('k1', { name: 'a' });
    const res = await post('k1', { name: 'b' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
  });

  it('answers 409 for a repeat while the first is still running', async () => {
    release = () => undefined;
    const first = post('k1', { name: 'a' });
    await new Promise((r) => setTimeout(r, 50));
    const second = await post('k1', { name: 'a' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const r = release;
    release = undefined;
    r?.();
    expect((await first).statusCode).toBe(202);
  });

  it('releases the key after a 5xx so the retry runs', async () => {
    failNext = true;
    expect((await post('k1', { name: 'a' })).statusCode).toBe(500);
    const retry = await post('k1', { name: 'a' });
    expect(retry.statusCode).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('processes requests without the header normally, and never claims a key for an invalid body', async () => {
    await post(undefined, { name: 'a' });
    await post(undefined, { name: 'a' });
    expect(created).toBe(2);
    expect((await post('k2', { nope: 1 })).statusCode).toBe(400);
    expect((await post('k2', { name: 'ok' })).statusCode).toBe(202);
  });
});
