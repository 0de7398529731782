import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../src/http/index.ts';
import { hashOf } from '../../src/kernel/index.ts';
import pg from 'pg';
import { pgUrl } from '../support/backends.ts';
import { backends, bearer, startDesk, startDeskOn, ticketBody, type Desk } from './harness.ts';

// Issue 6 "Idempotency-Key": replay (same status, same ticket id), 422 on another body, 409 while the first still runs.
describe('Support Desk: Idempotency-Key on POST /tickets', () => {
  let desk: Desk;
  let key: string;
  beforeAll(async () => {
    desk = await startDesk();
    key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
  });
  afterAll(async () => desk.close());

  const create = (idempotencyKey: string | undefined, body = ticketBody()) =>
    desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: { ...bearer(key), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, payload: body });
  const count = async () => (await desk.store.db.withTables<{ support_tickets: { id: string } }>().selectFrom('support_tickets').select('id').execute()).length;

  it('replays the first answer — same status, same ticket id, same Location — and files one ticket', async () => {
    const before = await count();
    const first = await create('order-42');
    const again = await create('order-42');
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('answers 422 to the same key with a different body', async () => {
    await create('order-43');
    const other = await create('order-43', ticketBody({ symptom_text: 'A completely different problem with the display.' }));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_MISMATCH');
  });

  it('answers 409 to a repeat that arrives while another replica still runs the first', async () => {
    // Another replica has claimed the key for the same request and not answered yet.
    const body = ticketBody();
    const withDefaults = { ...body, priority: 'P3', policies: { safe_instructions: true, grounded_only: true } };
    const claimed = await new IdempotencyStore(desk.store.db).claim({
      scope: 'acme|C123|POST /support/v1/tickets',
      key: 'order-44',
      requestHash: hashOf({ params: {}, body: withDefaults }),
      now: desk.clock.now(),
      ttlMs: 86_400_000,
      lockMs: 60_000,
    });
    expect(claimed.kind).toBe('claimed');
    const before = await count();
    const repeat = await create('order-44', body);
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(repeat.headers['retry-after']).toBe('1');
    expect(await count()).toBe(before);
  });

  it('without the header, each request files a new ticket', async () => {
    const a = await create(undefined);
    const b = await create(undefined);
    expect(a.json().ticket_id).not.toBe(b.json().ticket_id);
  });

  it('an invalid body never claims the key', async () => {
    const bad = await create('order-45', ticketBody({ symptom_text: 'short' }));
    expect(bad.statusCode).toBe(400);
    const good = await create('order-45');
    expect(good.statusCode).toBe(202);
  });
});

if (backends.some((b) => b.name === 'postgres')) {
  describe('Support Desk: concurrent Idempotency-Key requests [postgres]', () => {
    it('answers 409 to a repeat while the first request is still inside its transaction, then 202 to the first', async () => {
      const desk = await startDeskOn(backends.find((b) => b.name === 'postgres')!);
      const locker = new pg.Client({ connectionString: pgUrl });
      try {
        const key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
        const schema = desk.config.store.schema;
        await locker.connect();
        // Hold the first request at its ticket INSERT (SHARE mode conflicts with ROW EXCLUSIVE).
        await locker.query('BEGIN');
        await locker.query(`LOCK TABLE "${schema}".support_tickets IN SHARE MODE`);
        const post = () => desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: { ...bearer(key), 'idempotency-key': 'dup-1' }, payload: ticketBody() });
        const first = post();
        // The first has claimed the key once its record exists; it cannot finish while the lock is held.
        for (let i = 0; i < 200; i++) {
          const { rows } = await locker.query(`SELECT 1 FROM "${schema}".idempotency_records WHERE key = 'dup-1'`);
          if (rows.length) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        const second = await post();
        expect(second.statusCode).toBe(409);
        expect(second.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        await locker.query('COMMIT');
        expect((await first).statusCode).toBe(202);
        const third = await post();
        expect(third.statusCode).toBe(202);
        expect(third.json().ticket_id).toBe((await first).json().ticket_id);
      } finally {
        await locker.end().catch(() => undefined);
        await desk.close();
      }
    });
  });
}
